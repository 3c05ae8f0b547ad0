// Node's code queues a callback of the program's on the next tick (a server's 'listening'
// listener): the job is Node's, but the program's code runs in it, so it is shown.
const net = require('net');
const server = net.createServer();
server.listen(0, '127.0.0.1', () => {
  console.log('listening');
  server.close(() => console.log('closed'));
});
