// The program's own stacks read its .ts positions (types removed move the JS that runs), in a
// timer callback too; the uncaught error's report names the .ts line.
interface Job {
  name: string;
  attempts: number;
}

type Step = (job: Job) => Promise<Job>;

const here = (error: Error): string =>
  (error.stack ?? '')
    .split('\n')
    .slice(1, 2)
    .map((line) => line.replace(/\(.*[\\/]/, '(').trim())
    .join('');

const retry: Step = async (job: Job): Promise<Job> => {
  await null;
  console.log('async:', here(new Error('in retry')));
  return { ...job, attempts: job.attempts + 1 };
};

retry({ name: 'a', attempts: 0 }).then((job: Job) => {
  setTimeout((): void => {
    console.log('timer:', here(new Error(`after ${job.attempts}`)));
    throw new Error(`gave up on ${job.name}`);
  }, 1);
});
