package domain

import (
	"strings"
	"time"
)

// OpportunityPlan pulls together everything known about an opportunity.
type OpportunityPlan struct {
	Team        AccountTeam        `json:"team"`
	Profile     CustomerProfile    `json:"profile"`
	Summary     OpportunitySummary `json:"summary"`
	Milestones  []Milestone        `json:"milestones,omitempty"`
	KeyPersons  []KeyPerson        `json:"key_persons,omitempty"`
	Competitors []Competitor       `json:"competitors,omitempty"`
	Updated     time.Time          `json:"updated,omitzero"`
}

type TeamMember struct {
	Name     string `json:"name"`
	Role     string `json:"role,omitempty"`
	External bool   `json:"external,omitempty"`
}

type AccountTeam struct {
	Lead    string       `json:"lead,omitempty"`
	Members []TeamMember `json:"members,omitempty"`
}

type CustomerProfile struct {
	BusinessAreas string `json:"business_areas,omitempty"`
	Products      string `json:"products,omitempty"`
	Financials    string `json:"financials,omitempty"`
	Customers     string `json:"customers,omitempty"`
	Competitors   string `json:"competitors,omitempty"`
	ContactPoints string `json:"contact_points,omitempty"`
}

type OpportunitySummary struct {
	Project         string `json:"project,omitempty"`
	Budget          string `json:"budget,omitempty"`
	Problems        string `json:"problems,omitempty"`
	ActNow          string `json:"act_now,omitempty"`
	Consequences    string `json:"consequences,omitempty"`
	Schedule        string `json:"schedule,omitempty"`
	ExpectedResults string `json:"expected_results,omitempty"`
}

type Milestone struct {
	Name        string    `json:"name"`
	Due         time.Time `json:"due,omitzero"`
	Calculation bool      `json:"calculation,omitempty"` // needs calculation / approval
	LegalReview bool      `json:"legal_review,omitempty"`
	Owner       string    `json:"owner,omitempty"`
	Done        bool      `json:"done,omitempty"`
}

type KeyPerson struct {
	Name        string `json:"name"`
	Title       string `json:"title,omitempty"`
	Role        string `json:"role,omitempty"`        // champion, budget holder, decision maker, influencer, user, external
	Familiarity int    `json:"familiarity,omitempty"` // how well we know them, 1–5
	Attitude    string `json:"attitude,omitempty"`    // to change
	Opinion     string `json:"opinion,omitempty"`     // of us
	Benefits    string `json:"benefits,omitempty"`
	Criteria    string `json:"criteria,omitempty"`
}

type Competitor struct {
	Name        string `json:"name"`
	History     string `json:"history,omitempty"`
	Positioning string `json:"positioning,omitempty"`
	Strategy    string `json:"strategy,omitempty"`
	Strengths   string `json:"strengths,omitempty"`
	Weaknesses  string `json:"weaknesses,omitempty"`
	Objections  string `json:"objections,omitempty"`
	PlanToWin   string `json:"plan_to_win,omitempty"`
}

// NoteKind is what an enrichment note is about.
type NoteKind uint8

const (
	NoteOther NoteKind = iota
	NoteWebsite
	NoteTeamPage // team/contact page and direct dial
	NoteNewsletter
	NoteSocial
	NotePress
	NoteEvent
)

var noteKindNames = [...]string{"other", "website", "team-page", "newsletter", "social", "press", "event"}
var noteKindLabels = [...]string{"Other", "Website", "Team page / direct dial", "Newsletter", "Social media", "Press release", "Event"}

func (k NoteKind) String() string {
	if int(k) < len(noteKindNames) {
		return noteKindNames[k]
	}
	return "other"
}

func (k NoteKind) Label() string {
	if int(k) < len(noteKindLabels) {
		return noteKindLabels[k]
	}
	return "Other"
}

func (k NoteKind) MarshalText() ([]byte, error) { return []byte(k.String()), nil }

func (k *NoteKind) UnmarshalText(b []byte) error {
	for i, n := range noteKindNames {
		if string(b) == n {
			*k = NoteKind(i)
			return nil
		}
	}
	*k = NoteOther
	return nil
}

// Note is an enrichment note: what a rep learned, where, and when.
// NotesText is the lead's notes as one text, as an export writes them in
// one cell: each note's text (and its link), a blank line between them.
func (l *Lead) NotesText() string {
	parts := make([]string, 0, len(l.Notes))
	for _, n := range l.Notes {
		t := n.Text
		if n.URL != "" {
			t += " (" + n.URL + ")"
		}
		parts = append(parts, t)
	}
	return strings.Join(parts, "\n\n")
}

type Note struct {
	Kind    NoteKind  `json:"kind"`
	URL     string    `json:"url,omitempty"`
	Text    string    `json:"text"`
	Created time.Time `json:"created"`
	Updated time.Time `json:"updated,omitzero"`
}
