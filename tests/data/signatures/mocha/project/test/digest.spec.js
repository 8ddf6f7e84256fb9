import { expect } from 'chai';
import { digestLine, unread } from '../src/digest.js';

const inbox = [
  { id: 1, type: 'shipped' },
  { id: 2, type: 'price-drop', read: true },
  { id: 3, type: 'review' },
  { id: 4, type: 'reminder', read: false },
];

describe('digest', () => {
  it('counts unread notifications', () => {
    expect(unread(inbox)).to.have.length(3);
  });

  it('digest line', () => {
    expect(digestLine('ann', inbox)).to.equal('ann: 3 unread notifications');
  });

  it('new notifications are unread', () => {
    expect(unread([{ id: 9, type: 'welcome' }])).to.have.length(1);
  });

  it('read ones are skipped', () => {
    expect(unread([{ id: 5, read: true }])).to.have.length(0);
  });
});
