// oldName() in a comment, a string and a method stay as they are.
export const s = 'oldName()';
export const r = api.oldName();
