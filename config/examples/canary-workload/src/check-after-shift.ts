// afterTrafficShiftFunction: runs once all production traffic is on the new version; a FAILED
// status rolls the deployment back.
import { probe } from './probe.js';

export default async () => {
  const hookStatus = await probe(`http://${process.env.LB_DOMAIN}/`);
  console.log(`after-shift check: ${hookStatus}`);
  return { hookStatus };
};
