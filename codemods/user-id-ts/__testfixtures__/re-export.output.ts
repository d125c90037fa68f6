export { USER_ID, getUserId, DATA_DIR } from './settings';
export * as paths from './paths';
