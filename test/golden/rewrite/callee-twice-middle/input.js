// progress() calls its callback for every chunk, and it sits in the middle of the pyramid: every run of
// levels a chain could take holds it, so nothing is rewritten.
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

save('start', (first) => {
  progress(2, (step) => {
    save(`${first} ${step}`, (saved) => {
      console.log(saved);
    });
  });
});
