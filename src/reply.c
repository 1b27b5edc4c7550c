/*
 * reply.c: the reply a volunteer pastes back into the group. Plain words,
 * the source to cite, WhatsApp formatting (*bold*, _italic_) used
 * sparingly, no emoji. "unknown" is worded carefully: not found is not
 * true.
 */
#include "reply.h"

#include <string.h>

#include "i18n.h"
#include "util.h"

/* The document to cite: a fact check when one matches, else the best match. */
static const struct match *citation(const struct result *r)
{
	if (r->verdict == V_HOAX)
		for (size_t i = 0; i < r->nm; i++)
			if (r->m[i].label && !strcmp(r->m[i].label, "factcheck") && r->m[i].is_similar)
				return &r->m[i];
	return r->nm ? &r->m[0] : NULL;
}

static void cite(struct strbuf *sb, const struct match *c)
{
	if (!c)
		return;
	sb_printf(sb, "\n_%s_", c->title && *c->title ? c->title : c->id);
	const char *parts[] = { c->publisher, c->date };
	int any = 0;
	for (size_t i = 0; i < 2; i++) {
		if (!parts[i] || !*parts[i])
			continue;
		sb_puts(sb, any ? ", " : "\n");
		sb_puts(sb, parts[i]);
		any = 1;
	}
	if (c->url && *c->url)
		sb_printf(sb, "\n%s", c->url);
	sb_putc(sb, '\n');
}

char *reply_text(const struct result *r)
{
	struct strbuf sb = STRBUF_INIT;
	const struct match *c = citation(r);
	switch (r->verdict) {
	case V_HOAX:
		sb_puts(&sb, _("*HOAX*: this message matches a hoax that has already been debunked."));
		sb_putc(&sb, '\n');
		for (size_t i = 0; i < r->nnotes; i++)
			if (r->notes[i].kind == NOTE_NEGATION)
				sb_printf(&sb, "\n%s\n", _("(The message itself seems to deny the claim; "
							     "the debunk below confirms it is false.)"));
		cite(&sb, c);
		sb_printf(&sb, "\n%s", _("Please do not forward it."));
		break;
	case V_ALTERED:
		sb_puts(&sb, _("*ALTERED*: this message copies an official release but changes its numbers, amounts or dates."));
		sb_putc(&sb, '\n');
		for (size_t i = 0; i < r->nnotes; i++) {
			const struct note *n = &r->notes[i];
			if (!note_is_change(n))
				continue;
			if (n->release)
				sb_printf(&sb, _("\nThe message says %s; the release says %s.\n"), n->said, n->release);
			else
				sb_printf(&sb, _("\nThe message says %s; the release does not.\n"), n->said);
		}
		sb_printf(&sb, "\n%s", _("The official release:"));
		cite(&sb, c);
		sb_printf(&sb, "\n%s", _("Please share the official version instead."));
		break;
	case V_OFFICIAL:
		sb_puts(&sb, _("*OFFICIAL*: this message matches an official release."));
		sb_putc(&sb, '\n');
		cite(&sb, c);
		break;
	case V_SIMILAR:
		sb_puts(&sb, _("*CHECK FIRST*: this message resembles documents we know but does not match any of them closely."));
		sb_printf(&sb, "\n\n%s", _("Closest:"));
		cite(&sb, c);
		sb_printf(&sb, "\n%s", _("Please check the official channels before forwarding."));
		break;
	case V_UNKNOWN:
		sb_puts(&sb, _("*NOT FOUND*: this message is not in our database of hoaxes and official releases."));
		sb_printf(&sb, "\n%s", _("That does not mean it is true. Please check the official channels "
					"(the agency concerned, the local government, Komdigi) before forwarding."));
		break;
	}
	sb_puts(&sb, "\n");
	return sb_detach(&sb);
}
