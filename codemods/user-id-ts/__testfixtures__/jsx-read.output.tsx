import React from 'react';
import { getUserId } from '../config/settings';

export function Badge({ title }: { title: string }) {
  const userId = getUserId();
  return (
    <span title={title} data-user={userId}>
      {userId} — USER_ID
    </span>
  );
}
