package sim

// heapPush adds x to the 4-ary min-heap h of calendar entries.
func heapPush(h []calEntry, x calEntry) []calEntry {
	h = append(h, calEntry{})
	j := len(h) - 1
	for j > 0 {
		i := (j - 1) / 4
		if !x.less(&h[i]) {
			break
		}
		h[j] = h[i]
		j = i
	}
	h[j] = x
	return h
}

// siftDown places x at index i of the 4-ary min-heap h or below.
func siftDown(h []calEntry, i int, x calEntry) {
	n := len(h)
	for {
		l := 4*i + 1
		if l >= n {
			break
		}
		j := l
		end := min(l+4, n)
		for k := l + 1; k < end; k++ {
			if h[k].less(&h[j]) {
				j = k
			}
		}
		if !h[j].less(&x) {
			break
		}
		h[i] = h[j]
		i = j
	}
	h[i] = x
}

// heapify orders h as a 4-ary min-heap.
func heapify(h []calEntry) {
	for i := (len(h) - 2) / 4; i >= 0; i-- {
		siftDown(h, i, h[i])
	}
}
