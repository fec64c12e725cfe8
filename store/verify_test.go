package store

import (
	"path/filepath"
	"strings"
	"testing"

	bolt "go.etcd.io/bbolt"

	"leadq/domain"
	"leadq/domain/synth"
)

// damage is a kind of harm to leadq's own data that bbolt cannot see.
type damage struct {
	name   string
	damage func(tx *bolt.Tx) error
	want   string // what Verify says about it
}

var damages = []damage{
	{"a byte of a name changed", func(tx *bolt.Tx) error {
		v := append([]byte(nil), tx.Bucket(bucketLeads).Get(itob(5))...)
		v[10] ^= 0x01
		return tx.Bucket(bucketLeads).Put(itob(5), v)
	}, "lead 5: the record of lead 5 is damaged: checksum mismatch"},
	{"a history that does not decode", func(tx *bolt.Tx) error {
		return tx.Bucket(bucketHistory).Put(itob(7), frame(tagHistory, []byte{0xff, 0x00}))
	}, "lead 7: the history of lead 7 is damaged"},
	{"a queue entry gone", func(tx *bolt.Tx) error {
		sc, _ := decodeScore(tx.Bucket(bucketScores).Get(itob(9)))
		return tx.Bucket(bucketQueue).Delete(sc.queueKey(9))
	}, "lead 9: it has no queue entry"},
	{"a queue entry of no lead", func(tx *bolt.Tx) error {
		return tx.Bucket(bucketQueue).Put(queueKey(GroupHot, 99, 4242), frame(tagRow, []byte{0}))
	}, "lead 4242: the queue index has an entry for it"},
	{"the counts off", func(tx *bolt.Tx) error {
		c, _ := readCounts(tx)
		c[GroupHot] += 10
		return writeCounts(tx, c)
	}, "the stored lead counts"},
	{"a due entry gone", func(tx *bolt.Tx) error {
		k, _ := tx.Bucket(bucketDue).Cursor().First()
		return tx.Bucket(bucketDue).Delete(k)
	}, "missing from the Due index"},
	{"a search word lost", func(tx *bolt.Tx) error {
		return postingRemove(tx.Bucket(bucketWords), "gmbh", 3)
	}, `lead 3: the search index does not find it by "gmbh"`},
}

// seededStore is a sound file of 60 leads, lead 3 at "Beispiel GmbH".
func seededStore(t *testing.T, path string) *Store {
	t.Helper()
	s := openTest(t, path, domain.DefaultScoringModel())
	g := synth.New(11, testNow)
	leads := func(yield func(*domain.Lead) bool) {
		for i := 0; i < 60; i++ {
			l := g.Lead()
			if i == 2 {
				l.Company.Name = "Beispiel GmbH"
			}
			if !yield(l) {
				return
			}
		}
	}
	if _, err := s.AddBulk(leads, BulkOptions{}); err != nil {
		t.Fatal(err)
	}
	if p, _, err := s.Verify(); err != nil || len(p) != 0 {
		t.Fatalf("a sound file: %v %v", p, err)
	}
	return s
}

func TestVerifyFindsLeadqsOwnDamage(t *testing.T) {
	for _, tc := range damages {
		t.Run(tc.name, func(t *testing.T) {
			s := seededStore(t, filepath.Join(t.TempDir(), "v.db"))
			if err := s.update(tc.damage); err != nil {
				t.Fatal(err)
			}
			problems, _, err := s.Verify()
			if err != nil {
				t.Fatal(err)
			}
			var all []string
			for _, p := range problems {
				all = append(all, p.String())
			}
			if !strings.Contains(strings.Join(all, "\n"), tc.want) {
				t.Fatalf("problems %q, want one saying %q", all, tc.want)
			}
		})
	}
}
