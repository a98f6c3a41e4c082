import { describe, expect, test } from 'vitest';
import { parseRoomsUserId, roomsUserId } from '../../functions/dialects/quranreflect/domain/rooms-user-id';

describe('Rooms user ids', () => {
  test('the decimal string of the integer id, as member lists show it, and back', () => {
    expect(parseRoomsUserId('7')).toBe(7);
    expect(parseRoomsUserId('153')).toBe(153);
    expect(parseRoomsUserId('999999999999999')).toBe(999_999_999_999_999);
    expect(roomsUserId(153)).toBe('153');
  });
  test.each(['007', '0', '-7', '+7', ' 7', '7 ', '7.0', '1e3', '0x7', '', '1234567890123456', '٣'])('%j names no user', (id) => {
    expect(parseRoomsUserId(id)).toBeUndefined();
  });
});
