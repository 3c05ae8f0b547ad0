// The flags the tracer starts Node with are its own business: the program, and a child forked with
// the program's flags, see the ones plain node would (the test harness adds `--expose-internals` and
// `--require` for the tracer and says so through PROMISE_LENS_NODE_FLAGS).
const { fork } = require('child_process');
const shown = (argv) => JSON.stringify(argv.map((flag) => flag.replaceAll(__dirname, '.')));
if (process.argv[2] === 'child') {
  console.log('child flags:', shown(process.execArgv));
} else {
  console.log('flags:', shown(process.execArgv));
  console.log('tracer variables left:', Object.keys(process.env).filter((name) => name.startsWith('PROMISE_LENS')).length);
  fork(__filename, ['child']).on('exit', (code) => console.log('child exited', code));
}
