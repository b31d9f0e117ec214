//! 统计报表 → 合同 → 审批用时: how long contracts waited for the supervisor, read from
//! the change log (every status change of a contract is written there with its time).

use super::workbench::iso;
use super::{Result, Store};
use crate::domain::reports::{Approvals, Period};

impl Store {
    /// 审批用时 per month of `p`: the approvals made in the month — a contract's status
    /// going from 待审批 to 已批准, the contract not in the trash — each timed from the
    /// contract's last submission before it, in days (hours / 24). An approval whose
    /// submission is not in the log is left out.
    pub fn report_approvals(&self, p: &Period) -> Result<Vec<Approvals>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT substr(a.at, 1, 7),
                    julianday(a.at) - julianday((
                        SELECT max(s.at) FROM change_log s INDEXED BY change_log_row
                        WHERE s.table_name = 'contracts' AND s.row_id = a.row_id
                          AND s.field = 'status' AND s.new_value = 'submitted'
                          AND s.at <= a.at))
             FROM change_log a INDEXED BY change_log_status
             JOIN contracts k ON k.id = a.row_id
             WHERE a.table_name = 'contracts' AND a.field = 'status'
               AND a.new_value = 'approved' AND a.old_value = 'submitted'
               AND a.at >= ?1 AND a.at < ?2 AND k.deleted_at IS NULL",
        )?;
        let end = iso(p.to + chrono::Duration::days(1));
        let mut months: Vec<Approvals> = p
            .months()
            .into_iter()
            .map(|month| Approvals {
                month,
                ..Default::default()
            })
            .collect();
        let mut q = stmt.query([iso(p.from), end])?;
        while let Some(r) = q.next()? {
            let (month, days): (String, Option<f64>) = (r.get(0)?, r.get(1)?);
            let (Some(days), Some(m)) = (days, months.iter_mut().find(|m| m.month == month)) else {
                continue;
            };
            let days = days.max(0.0);
            m.count += 1;
            m.days += days;
            m.longest = m.longest.max(days);
        }
        Ok(months)
    }

    /// Dates a demo contract's submission and approval in the past (the demo makes a few
    /// years of history in a moment): the change log's two status changes and the
    /// decision's time.
    pub fn date_approval_for_demo(
        &mut self,
        contract_id: i64,
        submitted_at: &str,
        approved_at: &str,
    ) -> Result<()> {
        let tx = self.conn.transaction()?;
        for (to, at) in [("submitted", submitted_at), ("approved", approved_at)] {
            tx.execute(
                "UPDATE change_log SET at = ?1
                 WHERE table_name = 'contracts' AND row_id = ?2 AND field = 'status'
                   AND new_value = ?3",
                rusqlite::params![at, contract_id, to],
            )?;
        }
        tx.execute(
            "UPDATE contracts SET decided_at = ?1 WHERE id = ?2 AND decided_at IS NOT NULL",
            rusqlite::params![approved_at, contract_id],
        )?;
        tx.commit()?;
        Ok(())
    }
}
