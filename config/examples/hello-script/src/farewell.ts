// before:delete deployment script: runs when the stack is deleted (it never blocks the deletion).
export default async () => {
  console.log('goodbye: the stack is being deleted');
  return { ok: true };
};
