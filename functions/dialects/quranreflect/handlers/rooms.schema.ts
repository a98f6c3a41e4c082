/**
 * Inputs of the Rooms routes (paths and schemas from Quran.Foundation's user-related APIs v1).
 * Malformed path or query parameters and missing fields are 400s; bodies that break a rule are
 * 422s (the dialect's mapping).
 */
import * as z from '../../../lib/zod';

export const MAX_ROOM_INVITEES = 100;

/** Room ids are numeric; the Groups API's group ids are the same numbers. */
const roomId = z.string().check(z.regex(/^\d{1,15}$/, { error: 'must be a numeric room id' }));
/**
 * The one input shape of a Rooms user id (`userIds[]`, `{userId}`, admins-access `userId`): a
 * string of 1 to 64 characters, read by the one parser in the domain (rooms-user-id.ts).
 */
const roomsUserIdInput = () => z.string().check(z.minLength(1), z.maxLength(64));
const token = z.string().check(z.minLength(1), z.maxLength(512));

/** A positive integer query parameter within bounds, with a default. */
const intParam = (name: string, min: number, max: number, fallback: number) =>
  z
    .pipe(
      z.optional(z.string().check(z.regex(/^\d{1,6}$/, { error: `${name} must be an integer` }))),
      z.transform((value) => (value === undefined ? fallback : Number(value))),
    )
    .check(z.refine((value) => value >= min && value <= max, { error: `${name} must be between ${min} and ${max}` }));

export const roomPath = z.object({ path: z.object({ id: roomId }) });
export const groupPath = z.object({ path: z.object({ groupId: roomId }) });

export const createGroupInput = z.object({
  body: z.object({
    name: z.string().check(z.minLength(1), z.maxLength(50)),
    url: z
      .string()
      .check(z.minLength(1), z.maxLength(50), z.regex(/^[A-Za-z0-9._-]+$/, { error: 'may hold only letters, digits, ".", "_" and "-"' })),
    description: z.optional(z.string().check(z.maxLength(200))),
    public: z.optional(z.boolean()),
  }),
});

export const inviteInput = z.object({
  path: z.object({ id: roomId }),
  body: z
    .object({
      userIds: z.optional(z.array(roomsUserIdInput())),
      emails: z.optional(z.array(z.email({ error: 'must be a valid e-mail address' }).check(z.maxLength(254)))),
    })
    .check(
      z.refine((body) => (body.userIds?.length ?? 0) + (body.emails?.length ?? 0) > 0, {
        error: 'userIds or emails must name at least one invitee',
        params: { missing: true },
      }),
      z.refine((body) => (body.userIds?.length ?? 0) + (body.emails?.length ?? 0) <= MAX_ROOM_INVITEES, {
        error: `at most ${MAX_ROOM_INVITEES} invitees can be invited at once`,
      }),
    ),
});

export const inviteTokenInput = z.object({ path: z.object({ id: roomId }), query: z.object({ token }) });

export const privateLinkInput = z.object({ path: z.object({ url: z.string().check(z.maxLength(50)), token }) });

export const membersInput = z.object({
  path: z.object({ id: roomId }),
  query: z.object({ limit: intParam('limit', 1, 100, 10), page: intParam('page', 1, 1_000_000, 1) }),
});

/**
 * Rooms user ids (`userIds[]`, `{userId}`, admins-access `userId`) are taken as strings of at most
 * 64 characters and read by one parser in the domain (domain/quranreflect/rooms-user-id.ts): one
 * that names no user is an answer of the route (`user_not_found`, "not a member"), not a 400.
 */
export const removeMemberInput = z.object({ path: z.object({ id: roomId, userId: roomsUserIdInput() }) });

export const adminsAccessInput = z.object({
  body: z.object({
    roomId: z.int({ error: 'must be an integer' }).check(z.positive()),
    userId: roomsUserIdInput(),
    admin: z.boolean(),
  }),
});

/** RoomListItemDto, as this service fills it (room-views.ts). */
const roomListItem = z.object({
  id: z.number(),
  name: z.string(),
  description: z.string(),
  roomType: z.literal('group'),
  isActive: z.boolean(),
  isVerified: z.boolean(),
  isPublic: z.boolean(),
  isOwner: z.boolean(),
  isAdmin: z.boolean(),
  ownerId: z.string(),
  postsCount: z.number(),
  membersCount: z.number(),
  url: z.string(),
  avatarUrls: z.object({ thumb: z.string(), original: z.string() }),
  createdAt: z.string(),
  isMember: z.boolean(),
});

/** MemberSerializedDto, as this service fills it. */
const member = z.object({
  id: z.string(),
  username: z.string(),
  firstName: z.string(),
  lastName: z.string(),
  verified: z.boolean(),
  isAdmin: z.boolean(),
  isOwner: z.boolean(),
  isActive: z.boolean(),
});

/** Replies: for the OpenAPI document and the replies' checks. */
export const roomsReplies = {
  created: z.strictObject({ success: z.literal(true), data: roomListItem }),
  profile: z.object({ ...roomListItem.shape, privateToken: z.optional(z.string()), mutualFollowersCount: z.number() }),
  // Per invitee: true, or why not (RoomInviteUserResponseDto's example: `"already_a_member"`).
  invited: z.strictObject({
    invited: z.boolean(),
    inviteStatus: z.record(z.string(), z.union([z.literal(true), z.enum(['already_a_member', 'user_not_found'])])),
  }),
  members: z.strictObject({ total: z.number(), currentPage: z.number(), limit: z.number(), pages: z.number(), data: z.array(member) }),
  accepted: z.strictObject({ accepted: z.literal(true) }),
  rejected: z.strictObject({ rejected: z.literal(true) }),
  joined: z.strictObject({ joined: z.boolean() }),
  left: z.strictObject({ left: z.boolean() }),
  success: z.strictObject({ success: z.literal(true) }),
  privateLink: z.strictObject({ roomId: z.number(), success: z.literal(true), isNewMember: z.boolean() }),
};
