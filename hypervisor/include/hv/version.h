/* SPDX-License-Identifier: GPL-2.0 */
/* Copyright (c) 2026 hvisor-c contributors */
#ifndef HV_VERSION_H
#define HV_VERSION_H

#define HV_VERSION "0.1.0"

#endif /* HV_VERSION_H */
