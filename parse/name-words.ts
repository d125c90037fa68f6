// The words a name is made of, whatever its style: `pingIntervalId` -> ping, interval, id;
// `render_frame` and `RENDER_FRAME` -> render, frame; `user/USER_ID` -> user, user, id. Rules and
// codemods read intent from names (a keep-alive timer, a key named after its constant).

/** Words split at anything but letters and digits and at camelCase humps, lowercased. */
export function nameWords(name: string): string[] {
  return name.split(/[^A-Za-z0-9]+|(?<=[a-z0-9])(?=[A-Z])/).filter((w) => w !== '').map((w) => w.toLowerCase());
}
