/*
 * chat_types.h: what a chat's parts share below the reader (chat.h): a
 * message's kind and the order of a date's day and month. A header of
 * types only, so that chat_date, chat_format and chat_kind need not
 * include the reader they serve.
 */
#ifndef SARING_CHAT_TYPES_H
#define SARING_CHAT_TYPES_H

enum chat_kind {
	CHAT_TEXT,      /* an ordinary message: screen it */
	CHAT_SYSTEM,    /* encryption notice, joined/left/added/removed, group created, ... */
	CHAT_MEDIA,     /* <Media omitted>, image omitted, x.jpg (file terlampir), ...;
	                 * a caption, if any, follows the placeholder after '\n' */
	CHAT_DELETED,   /* This message was deleted / Pesan ini telah dihapus */
};

/*
 * How to read the three numbers of a date. DATE_AUTO infers it per date
 * shape (see chat_date.c): a day above 12 decides; otherwise the field that
 * changes most often is the day; a tie means DMY, or MDY with an AM/PM
 * clock. A 4-digit year is always the year, whatever the order.
 */
enum date_order { DATE_AUTO, DATE_DMY, DATE_MDY, DATE_YMD };

#endif
