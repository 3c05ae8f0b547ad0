// Promise subclasses: V8 makes each instance through the subclass constructors' super(), but the
// promise is placed and named by what made it (new, then, resolve, reject, catch), as a plain one.
class Tracked extends Promise {}
class Tagged extends Tracked {
  constructor(executor) {
    super(executor);
    this.tag = 'tagged';
  }
}
const a = Tracked.resolve(1);
const b = a.then((x) => x + 1);
const c = new Tagged((resolve) => setTimeout(resolve, 1, 3));
const d = Tagged.reject(new Error('no')).catch((e) => e.message);
// A plain promise made inside a class constructor stays `new` at its own line.
class Holder {
  constructor() {
    this.p = new Promise((resolve) => resolve('held'));
  }
}
const h = new Holder();
Promise.all([b, c, d, h.p]).then((v) => console.log(v, c.tag, c instanceof Tracked));
