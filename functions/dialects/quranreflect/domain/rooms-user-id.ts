/**
 * Rooms user ids: the decimal string of an account's integer user id, exactly as the Rooms API
 * shows them (member lists' `id`, `ownerId`: `"153"`). The one parser of every Rooms route:
 * anything else — leading zeros (`"007"`), signs, spaces, more than 15 digits — names no user, so
 * `"007"` gets the same answer everywhere (`user_not_found` in an invite, "not a member" in a
 * removal or an admin grant) and never means user 7.
 */
const ROOMS_USER_ID = /^[1-9]\d{0,14}$/;

/** The integer user id a Rooms user id names, or undefined. */
export const parseRoomsUserId = (id: string): number | undefined => (ROOMS_USER_ID.test(id) ? Number(id) : undefined);

/** The Rooms user id of an integer user id. */
export const roomsUserId = (userId: number) => String(userId);
