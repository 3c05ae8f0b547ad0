// A handled rejection of a Promise subclass beside a plain one nobody handles: Node reports the plain
// one, and so does the trace, though the subclass's `catch` is linked to no parent (V8 gives a
// subclass's `then` none) and so looks reactionless.
class Tracked extends Promise {}
Tracked.reject(new Error('handled')).catch(() => console.log('subclass rejection handled'));
Promise.reject(new RangeError('nobody handles this'));
