// async/await is promises underneath: each await suspends the function and resumes it in a microtask.

interface User {
  id: number;
  name: string;
}

const delay = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

async function loadUser(id: number): Promise<User> {
  await delay(10);
  return { id, name: `user-${id}` };
}

async function main(): Promise<void> {
  const first = await loadUser(1);
  console.log('loaded', first.name);
  const [a, b] = await Promise.all([loadUser(2), loadUser(3)]);
  console.log('loaded together', a.name, b.name);
  try {
    await Promise.reject(new Error('no user 4'));
  } catch (error) {
    console.log('caught', (error as Error).message);
  }
}

void main();
