// progress() calls its callback for every chunk: it stays a callback (a promise settles only once), and the levels inside it become a chain each chunk starts.
function progress(total, callback) {
  let done = 0;
  const timer = setInterval(() => {
    done += 1;
    callback(done);
    if (done === total) clearInterval(timer);
  }, 2);
}
function save(value, callback) {
  setTimeout(() => callback(`saved ${value}`), 2);
}

progress(2, (step) => {
  void (async () => {
    const saved = await new Promise((resolve) => save(step, resolve));
    const again = await new Promise((resolve) => save(saved, resolve));
    console.log(again);
  })();
});
