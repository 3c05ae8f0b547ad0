// Node emits unhandledRejection once the microtasks have drained and a rejection still has no handler,
// and rejectionHandled when one it reported gets a handler later: each runs the program's listener.
process.on('unhandledRejection', (r) => console.log('unhandledRejection event:', r.message));
process.on('rejectionHandled', () => console.log('rejectionHandled event'));
const p = Promise.reject(new Error('handled too late'));
setTimeout(() => {
  p.catch((e) => console.log('caught late:', e.message));
}, 10);
async function noAwait() { return 42; }
noAwait().then((v) => console.log('no-await value', v));
