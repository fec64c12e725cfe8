package synth

import (
	"strings"

	"leadq/domain"
)

// cum picks an index with probability proportional to its weight.
type cum struct{ c []int }

func cumOf(n int, weight func(int) int) cum {
	c := make([]int, n)
	t := 0
	for i := range c {
		t += weight(i)
		c[i] = t
	}
	return cum{c}
}

func (c *cum) pick(g *Generator) int {
	x := g.n(c.c[len(c.c)-1])
	lo, hi := 0, len(c.c)-1
	for lo < hi {
		mid := int(uint(lo+hi) >> 1)
		if x < c.c[mid] {
			hi = mid
		} else {
			lo = mid + 1
		}
	}
	return lo
}

// kindTable picks an activity kind by weight.
type kindTable struct {
	cum
	v []domain.ActivityKind
}

func kinds(w ...weighted[domain.ActivityKind]) kindTable {
	t := kindTable{cum: cumOf(len(w), func(i int) int { return w[i].w })}
	for _, x := range w {
		t.v = append(t.v, x.v)
	}
	return t
}

// Which touches happen at which funnel depth: content early, sales late.
var kindCum = [5]kindTable{
	kinds(wk(domain.KindWebVisit, 40), wk(domain.KindBlogRead, 25), wk(domain.KindDownload, 15), wk(domain.KindWebinar, 5),
		wk(domain.KindEmail, 5), wk(domain.KindCall, 8), wk(domain.KindDemoRequest, 1), wk(domain.KindQuoteRequest, 1)),
	kinds(wk(domain.KindWebVisit, 30), wk(domain.KindBlogRead, 20), wk(domain.KindDownload, 18), wk(domain.KindWebinar, 10),
		wk(domain.KindEmail, 8), wk(domain.KindCall, 8), wk(domain.KindMeeting, 1), wk(domain.KindDemoRequest, 2),
		wk(domain.KindQuoteRequest, 1), wk(domain.KindNewsletter, 4)),
	kinds(wk(domain.KindWebVisit, 22), wk(domain.KindBlogRead, 10), wk(domain.KindDownload, 14), wk(domain.KindWebinar, 8),
		wk(domain.KindEmail, 14), wk(domain.KindCall, 22), wk(domain.KindMeeting, 4), wk(domain.KindDemoRequest, 4),
		wk(domain.KindQuoteRequest, 2), wk(domain.KindNewsletter, 2)),
	kinds(wk(domain.KindWebVisit, 16), wk(domain.KindBlogRead, 6), wk(domain.KindDownload, 10), wk(domain.KindWebinar, 6),
		wk(domain.KindEmail, 16), wk(domain.KindCall, 24), wk(domain.KindMeeting, 10), wk(domain.KindDemoRequest, 8),
		wk(domain.KindQuoteRequest, 4)),
	kinds(wk(domain.KindWebVisit, 12), wk(domain.KindBlogRead, 4), wk(domain.KindDownload, 8), wk(domain.KindWebinar, 4),
		wk(domain.KindEmail, 18), wk(domain.KindCall, 24), wk(domain.KindMeeting, 18), wk(domain.KindDemoRequest, 6),
		wk(domain.KindQuoteRequest, 6)),
}

func wk(k domain.ActivityKind, w int) weighted[domain.ActivityKind] {
	return weighted[domain.ActivityKind]{k, w}
}

// funnelCum picks awareness / consideration / decision content by depth.
var funnelCum = [5]cum{
	fixed(70, 25, 5), fixed(50, 38, 12), fixed(30, 45, 25), fixed(20, 40, 40), fixed(15, 35, 50),
}

// outcomeCum picks reached, no answer, busy, wrong number, callback.
var outcomeCum = fixed(40, 30, 10, 5, 15)

func fixed(w ...int) cum { return cumOf(len(w), func(i int) int { return w[i] }) }

var (
	countryCum  = cumOf(len(countries), func(i int) int { return countries[i].weight })
	industryCum = cumOf(len(industries), func(i int) int { return industries[i].weight })
	sourceCum   = cumOf(len(sources), func(i int) int { return sources[i].weight })
	titleCum    = cumOf(len(titles), func(i int) int { return titles[i].weight })
	pathCum     = cumOf(len(paths), func(i int) int { return paths[i].weight })
	freshCum    = cumOf(len(freshPaths), func(i int) int { return freshPaths[i].weight })

	germanFamilies []surname // surnames that make German company names
	brandSlugs     []string
	intlBrandSlugs []string
)

func init() {
	for i := range cultures {
		cu := &cultures[i]
		for j := range cu.first {
			if cu.first[j].ascii == "" {
				cu.first[j].ascii = ascii(cu.first[j].s)
			}
		}
		for j := range cu.last {
			s := &cu.last[j]
			if s.ascii == "" {
				s.ascii = ascii(s.s)
			}
			if s.fem != "" && s.femASCII == "" {
				s.femASCII = ascii(s.fem)
			}
			if s.companyCapable {
				germanFamilies = append(germanFamilies, *s)
			}
		}
	}
	for i := range countries {
		co := &countries[i]
		co.cityCum = cumOf(len(co.cities), func(j int) int { return co.cities[j].weight })
		co.legalCum = cumOf(len(co.legal), func(j int) int { return co.legal[j].w })
		co.cultureCum = cumOf(len(co.cultures), func(j int) int { return co.cultures[j].w })
	}
	for i := range industries {
		ind := &industries[i]
		for _, b := range ind.branches {
			ind.branchSlugs = append(ind.branchSlugs, ascii(b))
		}
		for _, b := range ind.intl {
			ind.intlSlugs = append(ind.intlSlugs, ascii(b))
		}
		for _, f := range ind.fairs {
			ind.fairSources = append(ind.fairSources, "Messe: "+f)
			ind.fairNotes = append(ind.fairNotes, "Gespräch am Messestand, "+f)
			ind.fairExhibitor = append(ind.fairExhibitor, "Aussteller: "+f)
		}
	}
	for _, w := range brandWords {
		brandSlugs = append(brandSlugs, ascii(w))
	}
	for _, w := range intlBrandWords {
		intlBrandSlugs = append(intlBrandSlugs, ascii(w))
	}
}

var translit = map[rune]string{
	'ä': "ae", 'ö': "oe", 'ü': "ue", 'ß': "ss",
	'à': "a", 'á': "a", 'â': "a", 'å': "a", 'ç': "c", 'è': "e", 'é': "e", 'ê': "e", 'ë': "e",
	'í': "i", 'î': "i", 'ı': "i", 'ł': "l", 'ñ': "n", 'ó': "o", 'ô': "o", 'ś': "s", 'ş': "s",
	'ğ': "g", 'ú': "u", 'ż': "z", 'ź': "z", 'ą': "a", 'ę': "e", 'ć': "c", 'ń': "n",
}

// ascii lower-cases s for a host name or mailbox: umlauts become ae/oe/ue,
// accents are dropped, spaces become hyphens and anything else not ASCII goes.
func ascii(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		switch {
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9', r == '-':
			b.WriteRune(r)
		case r == ' ':
			b.WriteByte('-')
		default:
			b.WriteString(translit[r])
		}
	}
	return strings.Trim(strings.ReplaceAll(b.String(), "--", "-"), "-")
}
