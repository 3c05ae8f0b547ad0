// With an unhandledRejection listener Node does not end the program: it reports the rejection to the
// listener once the microtasks drained, and the trace marks the promise unhandled then, as a crash would.
process.on('unhandledRejection', (r) => console.log('unhandledRejection event:', r.message));
process.on('rejectionHandled', () => console.log('rejectionHandled event'));
const p = Promise.reject(new Error('handled too late'));
setTimeout(() => {
  p.catch((e) => console.log('caught late:', e.message));
}, 10);
async function noAwait() { return 42; }
noAwait().then((v) => console.log('no-await value', v));
