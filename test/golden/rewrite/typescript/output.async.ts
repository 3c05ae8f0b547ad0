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
  try {
    const order = await new Promise<Order>((resolve) => createOrder(['a', 'b'], resolve));
    const receipt = await util.promisify(pay)(order);
    const again = await util.promisify(pay)(order);
    console.log(receipt, again);
  } catch (err) {
    return console.error(err.message);
  }
})();
