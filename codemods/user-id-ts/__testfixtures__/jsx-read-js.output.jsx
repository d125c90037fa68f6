import { getUserId } from '../config/settings.js';

export const Who = () => <p className="who">{`Signed in as ${getUserId()}`}</p>;
