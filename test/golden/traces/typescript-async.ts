// A TypeScript file, run through the loader; locations are the transpiled file's, mapped later.
interface Step {
  name: string;
  ms: number;
}
const wait = (step: Step): Promise<string> => new Promise((resolve) => setTimeout(() => resolve(step.name), step.ms));

async function run(): Promise<void> {
  const first: string = await wait({ name: 'first', ms: 2 });
  console.log('done', first);
  const rest: string[] = await Promise.all([wait({ name: 'a', ms: 1 }), wait({ name: 'b', ms: 1 })]);
  console.log('rest', rest.join('+'));
}
void run();
