// The chain is a loop's condition, run on every turn: no place declares its values once per run.
const wait = (value) => new Promise((resolve) => setTimeout(() => resolve(value), 5));

let turns = 0;
while (turns++ < 2 && wait(turns).then((a) => wait(a + 1).then((b) => console.log(a, b)))) {
  console.log('turn', turns);
}
