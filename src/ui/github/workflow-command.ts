/**
 * GitHub Actions workflow commands (`::name key=value,key=value::message`), escaped as the
 * runner unescapes them (actions/toolkit's command.ts): the message escapes `%`, CR and LF; a
 * property value also escapes `:` and `,`, its delimiters. Without that a message holding a
 * newline would end the command early and its rest would be read as a new line of the log.
 */

export function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

export function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

export type WorkflowProperties = Readonly<Record<string, string | number | undefined>>;

/** One workflow command line (without the newline); properties that are undefined are left out. */
export function workflowCommand(name: string, properties: WorkflowProperties, message: string): string {
  const props = Object.entries(properties)
    .filter((entry): entry is [string, string | number] => entry[1] !== undefined && entry[1] !== '')
    .map(([key, value]) => `${key}=${escapeProperty(String(value))}`)
    .join(',');
  return `::${name}${props ? ` ${props}` : ''}::${escapeData(message)}`;
}

