import { USER_ID } from '../config/settings.js';

export const Who = () => <p className="who">{`Signed in as ${USER_ID}`}</p>;
