// after:deploy deployment script: runs on every deploy that changes something and prints what was
// deployed. Its console output is what `stp deploy` streams under "greet"; throwing here would
// fail the deploy and roll it back.
interface GreetParameters {
  greeting: string;
  functionArn: string;
  bucketName: string;
}

export default async (parameters: GreetParameters) => {
  console.log(`${parameters.greeting} (stage ${process.env.STAGE})`);
  console.log(`function: ${parameters.functionArn.split(':').at(-1)}`);
  console.log(`bucket:   ${parameters.bucketName}`);
  if (!parameters.bucketName || !parameters.functionArn.startsWith('arn:')) throw new Error('the stack outputs look wrong');
  console.log('all good');
  return { checked: 2 };
};
