/*
 * screen.h: screening a chat, message by message: the engine behind
 * `saring scan` and the chat upload of `saring serve`.
 *
 * Forwards repeat, so messages with the same canonical words are matched
 * once and counted as copies (a bounded table: memory stays flat however
 * long the chat).
 *
 * Ownership: a screening borrows its matcher and owns every sighting;
 * screening_free() releases them. Pointers from screening_add() stay valid
 * until the next screening_add() (the table may be pruned).
 */
#ifndef SARING_SCREEN_H
#define SARING_SCREEN_H

#include <stdint.h>

#include "chat.h"
#include "hmap.h"
#include "match.h"

#define SENDERS_MAX 16     /* distinct senders counted exactly per sighting */

/*
 * One distinct message, or one matched hoax document, and its copies.
 * Kept small: a long chat holds tens of thousands of them.
 */
struct sighting {
	enum verdict verdict;
	double score;
	const char *match_id, *label, *title, *url;   /* the best match's, shared (screening.docs); NULL when none */
	char *excerpt;      /* owned: the text, cut (masked with anonymize), kept once it is a lead
			     * (similar, or a second copy of a forward's length); else NULL */
	struct note *change;  /* owned: for altered, what differs from the release (the
			       * matcher's notes on numbers, dates and times, nchange of
			       * them, put in words by the renderer); else NULL */
	size_t nchange;
	char first[20], last[20];  /* ISO times of the first and last copies, or "" */
	long copies;
	long words;         /* the message's words, stopwords included */
	uint32_t senders[SENDERS_MAX];  /* sender hashes */
	int nsenders;       /* distinct senders (exact up to SENDERS_MAX) */
};

struct pipeline;

struct screening {
	struct matcher *m;  /* borrowed */
	struct pipeline *pl; /* owned: the text pipeline of its messages' fingerprints */
	long min_words;     /* shorter messages are counted, not screened */
	int anonymize;      /* mask phone numbers and e-mail in excerpts */
	struct hmap seen;   /* canonical text hash -> struct sighting * */
	struct hmap hoaxes; /* matched hoax document id, or altered document id and change,
			     * -> struct sighting * */
	struct hmap days;   /* "YYYY-MM-DD" -> messages flagged hoax or altered that day */
	struct hmap docs;   /* matched document id -> owned char *[4]: id, label, title, url */
	long read, screened, short_msgs, skipped_kind[4];
	long images;        /* texts read from attached images, screened like messages */
	long verdicts[V_HOAX + 1];
};

void screening_init(struct screening *sc, struct matcher *m, long min_words, int anonymize);
void screening_free(struct screening *sc);

/*
 * Count one message read from a chat, and screen it when it is text (or a
 * media caption) with enough words. Returns the sighting it counts toward,
 * or NULL when it was not screened.
 */
const struct sighting *screening_add(struct screening *sc, struct chat_msg *msg);
/*
 * Screen the text read from an image attached to a message already
 * counted by screening_add() (msg->text is that text, the sender and
 * time the message's): counted as an image, not as a message read.
 */
const struct sighting *screening_add_image(struct screening *sc, const struct chat_msg *msg);

/*
 * Sightings whose verdict is in want (a bit per verdict), most copies
 * first: documents (hoaxes; an altered release once per change) when
 * documents is set, else messages. A message seen once and unknown is
 * left out: it is no lead. Free the array.
 */
struct sighting **screening_ranked(const struct screening *sc, int documents, unsigned want, size_t *n);

#endif
