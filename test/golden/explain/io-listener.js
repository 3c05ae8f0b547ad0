// A listener the source registers by name is the job's name: the child's 'exit' listener runs in the
// poll phase, when Node learns the child ended.
const { spawn } = require('child_process');
spawn(process.execPath, ['-e', '']).on('exit', (code) => console.log('child exited', code));
