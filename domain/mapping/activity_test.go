package mapping

import (
	"errors"
	"strings"
	"testing"
	"time"

	"leadq/domain"
)

func TestNewActivityMappingNeedsColumns(t *testing.T) {
	cases := []struct {
		header []string
		err    string // "" for none
	}{
		{[]string{"id", "kind", "at"}, ""},
		{[]string{"external_id", "system", "kind", "at", "funnel", "outcome", "note"}, ""},
		{[]string{"E-Mail", "Typ", "Datum", "Ergebnis", "Notiz"}, ""},
		{[]string{"email", "kind"}, "an activity file needs the columns at; it has \"email\", \"kind\""},
		{[]string{"note", "at"}, "an activity file needs the columns kind and id, external_id or email; it has \"note\", \"at\""},
	}
	for _, c := range cases {
		_, err := NewActivityMapping(c.header, Options{})
		switch {
		case c.err == "" && err != nil:
			t.Errorf("%q: %v", c.header, err)
		case c.err != "" && (err == nil || err.Error() != c.err):
			t.Errorf("%q: error %v, want %q", c.header, err, c.err)
		}
	}
}

func TestActivityTouch(t *testing.T) {
	header := []string{"id", "external_id", "system", "email", "kind", "at", "funnel", "outcome", "note", "callback"}
	a, err := NewActivityMapping(header, Options{System: "Messe", Location: time.UTC})
	if err != nil {
		t.Fatal(err)
	}
	at := time.Date(2026, 3, 15, 14, 30, 0, 0, time.UTC)
	cases := []struct {
		name  string
		cells []string
		ref   LeadRef
		touch domain.Touch
	}{
		{"call by id", []string{"17", "", "", "", "call", "15.03.2026 14:30", "", "reached", " Will Angebot "},
			LeadRef{ID: 17}, domain.Touch{Kind: domain.KindCall, Outcome: domain.OutcomeReached, Note: "Will Angebot"}},
		{"German words", []string{"17", "", "", "", "Anruf", "2026-03-15 14:30", "", "nicht erreicht", ""},
			LeadRef{ID: 17}, domain.Touch{Kind: domain.KindCall, Outcome: domain.OutcomeNoAnswer}},
		{"external id, its system", []string{"", "00Q1", "Salesforce", "", "email", "2026-03-15T14:30:00Z"},
			LeadRef{System: "salesforce", ExternalID: "00Q1"}, domain.Touch{Kind: domain.KindEmail}},
		{"external id, the mapping's system", []string{"", "K-1", "", "", "Event", "3/15/2026 2:30 PM"},
			LeadRef{System: "messe", ExternalID: "K-1"}, domain.Touch{Kind: domain.KindEvent}},
		{"email, content with funnel", []string{"", "", "", "Anna@ACME.de", "download", "15.03.2026 14:30", "Decision"},
			LeadRef{Email: "Anna@acme.de"}, domain.Touch{Kind: domain.KindDownload, Funnel: domain.FunnelDecision}},
		{"labels", []string{"", "", "", "a@b.de", "Web visit", "15.03.2026 14:30", "", "", ""},
			LeadRef{Email: "a@b.de"}, domain.Touch{Kind: domain.KindWebVisit}},
		{"outcome only for calls", []string{"1", "", "", "", "meeting", "15.03.2026 14:30", "", "busy"},
			LeadRef{ID: 1}, domain.Touch{Kind: domain.KindMeeting}},
		{"callback", []string{"1", "", "", "", "call", "15.03.2026 14:30", "", "", "", "16.03.2026 09:00"},
			LeadRef{ID: 1}, domain.Touch{Kind: domain.KindCall, Outcome: domain.OutcomeCallback, Callback: time.Date(2026, 3, 16, 9, 0, 0, 0, time.UTC)}},
	}
	for _, c := range cases {
		ref, when, touch, err := a.Touch(c.cells)
		if err != nil {
			t.Errorf("%s: %v", c.name, err)
			continue
		}
		if ref != c.ref || !when.Equal(at) || touch != c.touch {
			t.Errorf("%s: %+v %v %+v; want %+v %v %+v", c.name, ref, when, touch, c.ref, at, c.touch)
		}
	}
}

func TestActivityTouchErrors(t *testing.T) {
	a, err := NewActivityMapping([]string{"id", "email", "Typ", "Datum", "funnel", "outcome"}, Options{Location: time.UTC})
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name  string
		cells []string
		want  string
	}{
		{"unknown kind", []string{"1", "", "Fax", "15.03.2026"}, `column "Typ": "Fax" is not a kind of touch: use one of call, email, meeting, web-visit, blog, download, webinar, demo-request, quote-request, newsletter, event, mailing, letter`},
		{"no kind", []string{"1", "", "", "15.03.2026"}, `column "Typ": "" is not a kind of touch`},
		{"no time", []string{"1", "", "call", ""}, `column "Datum": a touch needs the time it happened`},
		{"bad time", []string{"1", "", "call", "gestern"}, `column "Datum": "gestern" is not a date`},
		{"bad funnel", []string{"1", "", "blog", "15.03.2026", "tief"}, `column "funnel": "tief" is not a funnel stage`},
		{"bad outcome", []string{"1", "", "call", "15.03.2026", "", "super"}, `column "outcome": "super" is not a call outcome`},
		{"bad id", []string{"x", "", "call", "15.03.2026"}, `column "id": "x" is not a leadq id`},
		{"bad email", []string{"", "nope", "call", "15.03.2026"}, `column "email": nope is not an email address`},
		{"no lead", []string{"", "", "call", "15.03.2026"}, ErrNoLeadRef.Error()},
	}
	for _, c := range cases {
		_, _, _, err := a.Touch(c.cells)
		if err == nil || !strings.HasPrefix(err.Error(), c.want) {
			t.Errorf("%s: error %v, want it to start %q", c.name, err, c.want)
		}
	}
	if _, _, _, err := a.Touch([]string{"", "", "call", "15.03.2026"}); !errors.Is(err, ErrNoLeadRef) {
		t.Errorf("no lead: %v", err)
	}
}

func TestActivityKindsAllRead(t *testing.T) {
	for _, n := range domain.ActivityKinds() {
		k, ok := parseKind(n)
		if !ok || k.String() != n {
			t.Errorf("kind %q reads as %v, %v", n, k, ok)
		}
		if k2, ok := parseKind(k.Label()); !ok || k2 != k {
			t.Errorf("label %q reads as %v, %v", k.Label(), k2, ok)
		}
	}
}
