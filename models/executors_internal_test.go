package models

import "testing"

// TestRequestLine: the line is FIFO across the compaction that reuses its
// array once its head has moved and the array is full, and grows no
// further while it is emptied as fast as it is filled.
func TestRequestLine(t *testing.T) {
	rs := make([]request, 10)
	var l requestLine
	var got []int
	pop := func() { r := l.pop(); got = append(got, int(r.id)) }
	for i := range rs {
		rs[i].id = int64(i)
	}
	for i := range 4 {
		l.push(&rs[i]) // array of 4
	}
	pop()
	pop()
	l.push(&rs[4]) // compacts: 2 3 4
	l.push(&rs[5])
	for l.len() > 0 {
		pop()
	}
	want := []int{0, 1, 2, 3, 4, 5}
	if len(got) != len(want) {
		t.Fatalf("popped %v, want %v", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("popped %v, want %v", got, want)
		}
	}
	c := cap(l.buf)
	for i := range 1000 {
		l.push(&rs[i%10])
		l.push(&rs[(i+1)%10])
		l.pop()
		l.pop()
	}
	if cap(l.buf) != c || l.len() != 0 {
		t.Errorf("cap %d, len %d after balanced use; want %d, 0", cap(l.buf), l.len(), c)
	}
}
