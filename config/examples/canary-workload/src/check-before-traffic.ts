// beforeAllowTrafficFunction: runs before production traffic reaches the new task set. The test
// listener (TEST_LISTENER_PORT) already routes to the new version, so probe it there.
import { probe } from './probe.js';

export default async () => {
  const url = `http://${process.env.LB_DOMAIN}:${process.env.TEST_LISTENER_PORT}/`;
  const hookStatus = await probe(url);
  console.log(`before-traffic check: ${hookStatus}`);
  return { hookStatus };
};
