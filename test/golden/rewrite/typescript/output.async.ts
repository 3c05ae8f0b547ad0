// @ts-nocheck: a rewrite golden file (its output keeps this line), not project code to type-check.
import * as util from 'util';
interface Order { id: string }

function createOrder(items: string[], callback: (order: Order) => void): void {
  setTimeout(() => callback({ id: items.join('+') }), 5);
}
function pay(order: Order, callback: (err: Error | null, receipt?: string) => void): void {
  setTimeout(() => callback(null, `paid ${order.id}`), 5);
}

void (async () => {
  const order = await new Promise<Order>((resolve) => createOrder(['a', 'b'], resolve));
  let receipt;
  try {
    receipt = await util.promisify(pay)(order);
  } catch (err) {
    return console.error(err.message);
  }
  let again;
  try {
    again = await util.promisify(pay)(order);
  } catch (err) {
    return console.error(err.message);
  }
  console.log(receipt, again);
})();
