/* SPDX-License-Identifier: GPL-2.0 */
/* Copyright (c) 2026 hvisor-c contributors */
/*
 * Decoding the loads and stores a guest-page fault can come from (RV64I
 * and the RVC forms), for MMIO emulation.  Pure functions: host-testable.
 */
#ifndef HV_ASM_INSN_H
#define HV_ASM_INSN_H

#include <hv/types.h>

struct insn_mem {
	bool is_store;
	bool is_signed; /* loads: sign-extend to 64 bits */
	u32 size; /* 1, 2, 4 or 8 */
	u32 reg; /* rd of a load, rs2 of a store */
};

/**
 * insn_decode_mem() - decode @insn (32-bit, or 16-bit RVC in the low half)
 * Return: true if it is a load or store of the integer registers.
 */
static inline bool insn_decode_mem(u32 insn, struct insn_mem *m)
{
	u32 f3;

	if ((insn & 3) == 3) {
		f3 = (insn >> 12) & 7;
		switch (insn & 0x7f) {
		case 0x03: /* LB LH LW LD LBU LHU LWU */
			if (f3 == 7)
				return false;
			m->is_store = false;
			m->is_signed = !(f3 & 4);
			m->size = 1U << (f3 & 3);
			m->reg = (insn >> 7) & 31;
			return true;
		case 0x23: /* SB SH SW SD */
			if (f3 > 3)
				return false;
			m->is_store = true;
			m->is_signed = false;
			m->size = 1U << f3;
			m->reg = (insn >> 20) & 31;
			return true;
		default:
			return false;
		}
	}
	f3 = (insn >> 13) & 7;
	m->is_signed = true;
	switch ((insn & 3) << 3 | f3) {
	case 0 << 3 | 2: /* C.LW */
	case 0 << 3 | 3: /* C.LD */
		m->is_store = false;
		m->size = f3 == 2 ? 4 : 8;
		m->reg = 8 + ((insn >> 2) & 7);
		return true;
	case 0 << 3 | 6: /* C.SW */
	case 0 << 3 | 7: /* C.SD */
		m->is_store = true;
		m->size = f3 == 6 ? 4 : 8;
		m->reg = 8 + ((insn >> 2) & 7);
		return true;
	case 2 << 3 | 2: /* C.LWSP */
	case 2 << 3 | 3: /* C.LDSP */
		m->is_store = false;
		m->size = f3 == 2 ? 4 : 8;
		m->reg = (insn >> 7) & 31;
		return m->reg != 0;
	case 2 << 3 | 6: /* C.SWSP */
	case 2 << 3 | 7: /* C.SDSP */
		m->is_store = true;
		m->size = f3 == 6 ? 4 : 8;
		m->reg = (insn >> 2) & 31;
		return true;
	default:
		return false;
	}
}

/** insn_load_extend() - the register value of a load of @v */
static inline u64 insn_load_extend(u64 v, const struct insn_mem *m)
{
	u32 bits = m->size * 8;

	if (bits == 64)
		return v;
	v &= (1ULL << bits) - 1;
	if (m->is_signed && (v >> (bits - 1)))
		v |= ~0ULL << bits;
	return v;
}

#endif /* HV_ASM_INSN_H */
