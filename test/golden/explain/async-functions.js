// Async functions run synchronously until their first await.
async function child() {
  console.log('child start');
  await null;
  console.log('child resumed');
  return 'done';
}
async function parent() {
  console.log('parent start');
  const v = await child();
  console.log('parent got', v);
}
parent().then(() => console.log('parent finished'));
console.log('script end');
