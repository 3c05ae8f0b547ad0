// Timers run in order of their due time, not of the calls.
setTimeout(() => console.log('20 ms'), 20);
setTimeout(() => console.log('5 ms'), 5);
setTimeout(() => console.log('5 ms again'), 5);
setTimeout(() => console.log('0 ms'), 0);
