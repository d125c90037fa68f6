export { USER_ID, DATA_DIR } from './settings';
export * as paths from './paths';
