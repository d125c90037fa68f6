import React from 'react';
import { USER_ID } from '../config/settings';

export function Badge({ title }: { title: string }) {
  return (
    <span title={title} data-user={USER_ID}>
      {USER_ID} — USER_ID
    </span>
  );
}
