// Timers 3 ms apart fire in the same order traced as under plain node: the tracer's own first-use
// cost is paid before the program's first line, not in its script job, which schedules them all.
// Every timer is 3 ms from the next, made in the opposite order to their firing, so a slow script
// job would swap them. (On a loaded machine plain node itself swaps timers 2 ms apart now and then:
// docs/tracer-cost.md.)
const wait = (ms, value) => new Promise((resolve) => setTimeout(() => resolve(value), ms));
const fail = (ms, why) => new Promise((_, reject) => setTimeout(() => reject(new Error(why)), ms));
const log = (value) => console.log(value);
Promise.allSettled([wait(13, 'kept'), fail(16, 'dropped')]).then((results) => log(`allSettled at 16 ms: ${results.map((r) => r.status).join(', ')}`));
Promise.race([wait(10, 'race: the 10 ms timer won'), fail(22, 'race: too late')]).then(log);
Promise.any([fail(4, 'any: failed first'), wait(7, 'any: the 7 ms timer fulfilled')]).then(log);
Promise.all([wait(1, 'all'), wait(1, 'at 1 ms')]).then((values) => log(values.join(' ')));
