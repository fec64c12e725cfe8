package store

import (
	"bytes"
	"encoding/binary"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/oklog/ulid/v2"
	bolt "go.etcd.io/bbolt"

	"leadq/domain"
	"leadq/domain/synth"
)

// rawValue copies a value out of the file.
func rawValue(t *testing.T, s *Store, bucket, key []byte) []byte {
	t.Helper()
	var v []byte
	s.view(func(tx *bolt.Tx) error {
		v = append([]byte(nil), tx.Bucket(bucket).Get(key)...)
		return nil
	})
	if len(v) == 0 {
		t.Fatalf("no value at %s/%x", bucket, key)
	}
	return v
}

// flipInFile flips one byte in every copy of value in the file (bbolt may
// keep stale copies in free pages) and returns how many it found.
func flipInFile(t *testing.T, path string, value []byte, at int) int {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for off := 0; ; {
		i := bytes.Index(data[off:], value)
		if i < 0 {
			break
		}
		data[off+i+at] ^= 0x10
		off += i + len(value)
		n++
	}
	if err := os.WriteFile(path, data, 0o600); err != nil {
		t.Fatal(err)
	}
	return n
}

// One flipped byte in a stored value is reported as damage by whatever
// reads it, never returned as data; the other leads stay readable.
func TestFlippedByteIsReportedAsDamaged(t *testing.T) {
	for _, tc := range []struct {
		name   string
		bucket []byte
		key    func(s *Store) []byte
	}{
		{"record", bucketLeads, func(*Store) []byte { return itob(1) }},
		{"history", bucketHistory, func(*Store) []byte { return itob(1) }},
		{"score", bucketScores, func(*Store) []byte { return itob(1) }},
		{"queue row", bucketQueue, func(s *Store) []byte {
			var k []byte
			s.view(func(tx *bolt.Tx) error {
				r, _, err := s.rowOf(tx, 1)
				k = r.Key
				return err
			})
			return k
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "flip.db")
			s := openTest(t, path, domain.DefaultScoringModel())
			addLead(t, s, fullLead())
			addLead(t, s, newLead("Anna Schmidt", "Schmidt GmbH", 80))
			v := rawValue(t, s, tc.bucket, tc.key(s))
			s.Close()
			if n := flipInFile(t, path, v, len(v)/2); n == 0 {
				t.Fatal("the value is not in the file")
			}
			s = openTest(t, path, domain.DefaultScoringModel())
			if tc.name == "queue row" {
				// The flipped row reads as damaged, not as data; the rest reads on.
				rows, err := s.QueueAfter(TabAll, nil, 10)
				if err != nil || len(rows) != 2 || !errors.Is(rows[0].Damaged, ErrDamaged) || rows[0].Company != "" || rows[1].Damaged != nil || rows[1].Name != "Anna Schmidt" {
					t.Fatalf("QueueAfter over a flipped row = %+v, %v; want it marked damaged and the next row read", rows, err)
				}
				return
			}
			l, err := s.Get(1)
			if !errors.Is(err, ErrDamaged) || l != nil {
				t.Fatalf("Get = %v, %v; want ErrDamaged", l, err)
			}
			if !strings.Contains(err.Error(), "lead 1") {
				t.Errorf("the error does not say which lead: %v", err)
			}
			if _, err := s.Update(1, func(l *domain.Lead) error { l.Name = "x"; return nil }); !errors.Is(err, ErrDamaged) {
				t.Fatalf("Update of a damaged lead = %v, want ErrDamaged", err)
			}
			if l, err := s.Get(2); err != nil || l.Name != "Anna Schmidt" {
				t.Fatalf("the other lead: %v, %v", l, err)
			}
			if err := s.Check(); !errors.Is(err, ErrDamaged) {
				t.Fatalf("Check = %v, want ErrDamaged", err)
			}
		})
	}
}

func TestTagMismatchIsRefused(t *testing.T) {
	tags := []byte{tagLead, tagHistory, tagScore, tagRow, tagPosting, tagCounts, tagOrigins}
	for _, a := range tags {
		v := frame(a, []byte{0xa0}) // an empty CBOR map
		for _, b := range tags {
			_, err := unframe(b, v)
			if (err == nil) != (a == b) {
				t.Errorf("a value of kind %#x read as %#x: %v", a, b, err)
			}
			if a != b && !errors.Is(err, ErrDamaged) {
				t.Errorf("kind %#x read as %#x: %v, want ErrDamaged", a, b, err)
			}
		}
	}
	for _, short := range [][]byte{nil, {tagLead}, {tagLead, 0, 0, 0}} {
		var r leadRec
		if err := decodeValue(tagLead, short, &r); !errors.Is(err, ErrDamaged) {
			t.Errorf("a value of %d bytes: %v, want ErrDamaged", len(short), err)
		}
	}
	// A framed value that is not CBOR of the right shape is damage too.
	var r leadRec
	if err := decodeValue(tagLead, frame(tagLead, []byte{0xff, 0x00}), &r); !errors.Is(err, ErrDamaged) {
		t.Errorf("garbage in a good frame: %v, want ErrDamaged", err)
	}

	// In the file: a history value where a record belongs is refused.
	s := openTest(t, filepath.Join(t.TempDir(), "tag.db"), domain.DefaultScoringModel())
	addLead(t, s, fullLead())
	hist := rawValue(t, s, bucketHistory, itob(1))
	s.update(func(tx *bolt.Tx) error { return tx.Bucket(bucketLeads).Put(itob(1), hist) })
	if l, err := s.Get(1); !errors.Is(err, ErrDamaged) || l != nil {
		t.Fatalf("Get of a record holding a history = %v, %v; want ErrDamaged", l, err)
	}
}

// CRC-32C catches every single flipped bit of a value, the tag included.
func TestEveryFlippedBitIsCaught(t *testing.T) {
	v, err := encodeValue(tagLead, toLeadRec(fullLead()))
	if err != nil {
		t.Fatal(err)
	}
	var r leadRec
	if err := decodeValue(tagLead, v, &r); err != nil {
		t.Fatal(err)
	}
	for i := range v {
		for bit := 0; bit < 8; bit++ {
			w := bytes.Clone(v)
			w[i] ^= 1 << bit
			var r leadRec
			if err := decodeValue(tagLead, w, &r); !errors.Is(err, ErrDamaged) {
				t.Fatalf("bit %d of byte %d flipped: %v", bit, i, err)
			}
		}
	}
}

// Times are stored in whole seconds and come back in UTC, whatever zone
// and precision they were given in.
func TestTimesAreWholeSecondsInUTC(t *testing.T) {
	now := time.Date(2026, 11, 20, 11, 0, 0, 987_654_321, inCET)
	s := openClock(t, filepath.Join(t.TempDir(), "times.db"), domain.DefaultScoringModel(), &now)
	odd := func(d time.Duration) time.Time { return now.Add(d + 123_456_789) }
	l := newLead("Zeit Zone", "Uhr GmbH", 80, touch(domain.KindDownload, domain.FunnelDecision, odd(-time.Hour)))
	l.Created, l.Updated = odd(-48*time.Hour), odd(-47*time.Hour)
	l.Callback = &domain.Callback{At: odd(3 * time.Hour)}
	l.NextTouch = odd(72 * time.Hour)
	l.Consent = domain.Consent{Status: domain.ConsentOptIn, Date: odd(-40 * time.Hour)}
	l.BANT = domain.BANT{Need: "ja", TimelineDate: odd(90 * oneDay), Timeline: "März", Updated: odd(-2 * time.Hour), RepEstimate: -1}
	l.Notes = []domain.Note{{Text: "n", Created: odd(-5 * time.Hour), Updated: odd(-4 * time.Hour)}}
	l.Plan = &domain.OpportunityPlan{Milestones: []domain.Milestone{{Name: "m", Due: odd(10 * oneDay)}}, Updated: odd(-3 * time.Hour)}
	want := *l
	want.History = []domain.Event{{At: odd(-48 * time.Hour)}, l.History[0]} // created, the download
	id := addLead(t, s, l)
	now = now.Add(time.Minute)
	got := update(t, s, id, func(l *domain.Lead) error {
		return l.LogCall(domain.OutcomeCallback, "", odd(5*time.Hour), now, "tester")
	})
	for _, fresh := range []bool{false, true} {
		if fresh {
			var err error
			if got, err = s.Get(id); err != nil {
				t.Fatal(err)
			}
		}
		for _, c := range []struct {
			what      string
			got, want time.Time
		}{
			{"created", got.Created, want.Created},
			{"updated", got.Updated, now},
			{"callback", got.Callback.At, odd(5 * time.Hour)},
			{"next touch", got.NextTouch, want.NextTouch},
			{"consent date", got.Consent.Date, want.Consent.Date},
			{"timeline date", got.BANT.TimelineDate, want.BANT.TimelineDate},
			{"BANT updated", got.BANT.Updated, want.BANT.Updated},
			{"note created", got.Notes[0].Created, want.Notes[0].Created},
			{"note updated", got.Notes[0].Updated, want.Notes[0].Updated},
			{"milestone due", got.Plan.Milestones[0].Due, want.Plan.Milestones[0].Due},
			{"plan updated", got.Plan.Updated, want.Plan.Updated},
			{"created event", got.History[0].At, want.History[0].At},
			{"download", got.History[1].At, want.History[1].At},
			{"call", got.History[2].At, now},
			{"call's callback", got.History[2].Touch.Callback, odd(5 * time.Hour)},
			{"scored at", got.Score.At, now},
		} {
			w := c.want.Truncate(time.Second)
			if !c.got.Equal(w) || c.got.Location() != time.UTC || c.got.Nanosecond() != 0 {
				t.Errorf("%s (read again %v) = %v, want %v in UTC", c.what, fresh, c.got, w.UTC())
			}
		}
	}
}

// Every event gets an id when it is first written; the id stays with it
// through updates and reopening, ids never repeat, and events keep the
// order they were recorded in, events of the same second too.
func TestEventIDsAndOrder(t *testing.T) {
	path := filepath.Join(t.TempDir(), "events.db")
	now := testNow
	s := openClock(t, path, domain.DefaultScoringModel(), &now)
	remark := func(text string, at time.Time) domain.Event {
		return domain.Event{Kind: domain.EventRemark, At: at, Text: text}
	}
	l := newLead("Eva Ent", "Event GmbH", 80, remark("a", now), remark("b", now), remark("c", now.Add(-time.Hour)), remark("d", now))
	id := addLead(t, s, l)
	now = now.Add(time.Second)
	got := update(t, s, id, func(l *domain.Lead) error {
		return errors.Join(
			l.LogRemark("e", now, "tester"),
			l.LogCall(domain.OutcomeReached, "f", time.Time{}, now, "tester"),
			l.AddNote(domain.Note{Text: "g"}, now, "tester"),
			l.LogRemark("h", now, "tester"))
	})
	text := func(e domain.Event) string {
		switch {
		case e.Kind == domain.EventCreated:
			return "created"
		case e.Touch != nil:
			return e.Touch.Note
		case e.Note != nil:
			return e.Note.New.Text
		}
		return e.Text
	}
	var order []string
	for _, e := range got.History {
		order = append(order, text(e))
	}
	if want := "created,c,a,b,d,e,f,g,h"; strings.Join(order, ",") != want {
		t.Fatalf("history order = %v, want %s", order, want)
	}
	first, err := s.Get(id)
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	s = openClock(t, path, domain.DefaultScoringModel(), &now)
	again, err := s.Get(id)
	if err != nil {
		t.Fatal(err)
	}
	seen := map[domain.EventID]bool{}
	for i, e := range again.History {
		if e.ID.IsZero() || seen[e.ID] {
			t.Fatalf("event %d (%s) has id %v: zero or seen before", i, text(e), e.ID)
		}
		seen[e.ID] = true
		if e.ID != first.History[i].ID || e.ID != got.History[i].ID {
			t.Fatalf("event %d changed its id", i)
		}
		if ms := ulid.ULID(e.ID).Time(); ms != uint64(e.At.UnixMilli()) {
			t.Errorf("event %d: id made at %d ms, event at %d ms", i, ms, e.At.UnixMilli())
		}
		if e.Origin != s.ID() {
			t.Errorf("event %d comes from %v, not this database %v", i, e.Origin, s.ID())
		}
	}
	// The leads of a bulk load get ids that never repeat either.
	if _, err := s.AddBulk(synth.New(7, testNow).Leads(300), BulkOptions{}); err != nil {
		t.Fatal(err)
	}
	rows, _ := s.QueueAfter(TabAll, nil, 1000)
	events := 0
	for _, r := range rows {
		l, err := s.Get(r.ID)
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range l.History {
			if e.ID.IsZero() || (seen[e.ID] && r.ID != id) {
				t.Fatalf("lead %d: event id %v zero or repeated", r.ID, e.ID)
			}
			seen[e.ID] = true
			events++
		}
		if !isSorted(l.History) {
			t.Fatalf("lead %d: history not in time order", r.ID)
		}
	}
	if len(seen) != events {
		t.Fatalf("%d distinct ids for %d events", len(seen), events)
	}
}

func isSorted(h []domain.Event) bool {
	for i := 1; i < len(h); i++ {
		if h[i].At.Before(h[i-1].At) {
			return false
		}
	}
	return true
}

// breakValueSize finds the bbolt leaf element of key (8 bytes) whose value
// is value and makes its size absurd, the way a damaged page does; bbolt
// panics when it reads the value.
func breakValueSize(t *testing.T, path string, key, value []byte) {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for off := 0; ; {
		i := bytes.Index(data[off:], append(bytes.Clone(key), value...))
		if i < 0 {
			break
		}
		k := off + i // the key, and the value right after it
		for e := k - 16; e >= max(0, k-1<<16); e-- {
			if binary.LittleEndian.Uint32(data[e+4:]) == uint32(k-e) && binary.LittleEndian.Uint32(data[e+8:]) == uint32(len(key)) &&
				binary.LittleEndian.Uint32(data[e+12:]) == uint32(len(value)) {
				binary.LittleEndian.PutUint32(data[e+12:], 0xFFFFFF00)
				n++
				break
			}
		}
		off = k + len(key) + len(value)
	}
	if n == 0 {
		t.Fatal("found no leaf element of the value")
	}
	if err := os.WriteFile(path, data, 0o600); err != nil {
		t.Fatal(err)
	}
}

// A read that trips over damage inside bbolt returns an error, and the
// store goes on working: the next read neither hangs nor fails.
func TestReadAfterADamagedReadDoesNotHang(t *testing.T) {
	path := filepath.Join(t.TempDir(), "hang.db")
	s := openTest(t, path, domain.DefaultScoringModel())
	addLead(t, s, fullLead())
	addLead(t, s, newLead("Anna Schmidt", "Schmidt GmbH", 80))
	hist := rawValue(t, s, bucketHistory, itob(1))
	s.Close()
	breakValueSize(t, path, itob(1), hist)
	// Not closed by a cleanup: Close would wait for a hung read forever.
	s, err := Open(path, Options{Scoring: domain.DefaultScoringModel(), Now: func() time.Time { return testNow }})
	if err != nil {
		t.Fatal(err)
	}
	if l, err := s.Get(1); !errors.Is(err, ErrDamaged) {
		t.Fatalf("Get of a lead on a damaged page = %v, %v; want ErrDamaged", l, err)
	}
	got := make(chan error, 1)
	go func() {
		_, err := s.Get(2)
		got <- err
	}()
	select {
	case err := <-got:
		if err != nil {
			t.Fatalf("Get of the undamaged lead: %v", err)
		}
		s.Close()
	case <-time.After(5 * time.Second):
		t.Fatal("Get hangs after a damaged read: a lock was left held")
	}
}
