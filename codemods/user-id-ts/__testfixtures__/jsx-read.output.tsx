import React from 'react';
import { getUserId } from '../config/settings';

export function Badge({ title }: { title: string }) {
  return (
    <span title={title} data-user={getUserId()}>
      {getUserId()} — USER_ID
    </span>
  );
}
