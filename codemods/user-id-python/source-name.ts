export const SOURCE_NAME = 'user-id-python';
