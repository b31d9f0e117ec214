//! 应收余额 at each month's end of a report's period, and at its last day by the ageing
//! buckets: one read of the counted contracts, payments and installments, as the
//! 应收账款 tab's ageing list makes for one day (README → 统计报表 → 回款).

use chrono::NaiveDate;
use rusqlite::Connection;

use super::receivables::each_unpaid;
use super::{Result, Store};
use crate::domain::contract::bucket_of;
use crate::domain::reports::{Owed, Period};

/// The month ends' figures, added up as the contracts and payments are read: a
/// contract adds its amount from the first end on or after its 签订日期, a payment takes
/// its amount off from the first end on or after both its day and the contract's.
pub(super) struct MonthEnds {
    /// The ends as days from the common era, in order.
    ends: Vec<i32>,
    /// The last end as an ISO day.
    last: String,
    /// Per contract id: (the first end it counts at + 1, 0 when not counted; its amount;
    /// what was received on it by the last end).
    contracts: Vec<(u16, i64, i64)>,
    /// Per end: what owed changes by there.
    change: Vec<i64>,
}

impl MonthEnds {
    fn new(ends: &[NaiveDate]) -> MonthEnds {
        use chrono::Datelike;
        MonthEnds {
            ends: ends.iter().map(|d| d.num_days_from_ce()).collect(),
            last: ends
                .last()
                .map(|d| d.format("%Y-%m-%d").to_string())
                .unwrap_or_default(),
            contracts: Vec::new(),
            change: vec![0; ends.len()],
        }
    }

    /// The first end on or after `day`; a day that is not a date at all counts from the
    /// first (the ageing list counts such a contract whatever the day).
    fn at(&self, day: &[u8]) -> usize {
        let Some(n) = super::receivables::day_number(day) else {
            return 0;
        };
        let k = self.ends.partition_point(|e| *e < n);
        if k >= self.ends.len() { 0 } else { k }
    }

    /// A contract that counts as of the last end.
    pub(super) fn contract(&mut self, id: i64, signed_on: &[u8], amount: i64) {
        let (Ok(i), k) = (usize::try_from(id), self.at(signed_on)) else {
            return;
        };
        if i >= self.contracts.len() {
            self.contracts.resize(i + 1, (0, 0, 0));
        }
        self.contracts[i] = (k as u16 + 1, amount, 0);
        self.change[k] += amount;
    }

    /// A payment by the last end on a contract handed to [`MonthEnds::contract`].
    pub(super) fn payment(&mut self, id: i64, paid_on: &[u8], amount: i64) {
        let k = self.at(paid_on);
        if let Some((s @ 1.., _, paid)) = usize::try_from(id)
            .ok()
            .and_then(|i| self.contracts.get_mut(i))
        {
            *paid += amount;
            self.change[k.max(*s as usize - 1)] -= amount;
        }
    }

    /// Owed at each end. A contract received more on than it is for (the store refuses
    /// such a payment; an older file may hold one) owes nothing rather than less than
    /// nothing, as in the ageing list: worked out again from its own payments.
    fn owed(self, conn: &Connection) -> rusqlite::Result<Vec<i64>> {
        let n = self.ends.len();
        let mut owed: Vec<i64> = self
            .change
            .iter()
            .scan(0, |run, c| {
                *run += c;
                Some(*run)
            })
            .collect();
        if self.ends.is_empty() {
            return Ok(owed);
        }
        let last = &self.last;
        let mut stmt = conn.prepare_cached(
            "SELECT paid_on, amount_fen FROM payments WHERE contract_id = ?1 AND paid_on <= ?2",
        )?;
        for (id, &(s, amount, paid)) in self.contracts.iter().enumerate() {
            if s == 0 || paid <= amount {
                continue;
            }
            let s = s as usize - 1;
            let mut off = vec![0i64; n];
            let mut q = stmt.query(rusqlite::params![id as i64, last])?;
            while let Some(r) = q.next()? {
                let k = self.at(r.get_ref(0)?.as_bytes().unwrap_or(b""));
                off[k.max(s)] += r.get::<_, i64>(1)?;
            }
            let mut left = amount;
            for k in s..n {
                left -= off[k];
                if left < 0 {
                    owed[k] -= left;
                }
            }
        }
        Ok(owed)
    }
}

impl Store {
    /// 应收余额 at each month's end of `p` — the contracts that count, signed by that
    /// day, less what was received on them by that day — and at `p`'s last day by how
    /// late (the 应收账款 tab's ageing list as of that day, added up). A day still to
    /// come is taken as today (本月 shows what is owed now).
    pub fn report_owed(&self, p: &Period) -> Result<Owed> {
        let ends = p.month_ends_by(super::today());
        let as_of = *ends.last().unwrap_or(&p.to);
        let mut m = MonthEnds::new(&ends);
        let mut buckets = [0i64; crate::domain::contract::AGEING_BUCKETS];
        // Per customer id: owes anything (ids are small integers).
        let mut owing: Vec<bool> = Vec::new();
        each_unpaid(
            &self.conn,
            Some(&self.path),
            as_of,
            None,
            Some(&mut m),
            |_| Ok(()),
            |_, customer, _, unpaid, days| {
                buckets[bucket_of(days)] += unpaid;
                if let Ok(i) = usize::try_from(customer) {
                    if i >= owing.len() {
                        owing.resize(i + 1, false);
                    }
                    owing[i] = true;
                }
            },
        )?;
        let owed = m.owed(&self.conn)?;
        Ok(Owed {
            months: p.months().into_iter().zip(owed).collect(),
            buckets,
            customers: owing.iter().filter(|o| **o).count() as i64,
            as_of,
        })
    }
}
