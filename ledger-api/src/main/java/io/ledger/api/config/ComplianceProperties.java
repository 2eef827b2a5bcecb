package io.ledger.api.config;

import io.ledger.core.compliance.ComplianceRules;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Map;

/**
 * The compliance rules, under {@code ledger.compliance.*}; see {@link ComplianceRules} for what each means.
 * Changing a rule should come with a new {@code version}, which every alert records.
 */
@ConfigurationProperties(prefix = "ledger.compliance")
public record ComplianceProperties(
        @DefaultValue(ComplianceRules.DEFAULT_VERSION) String ruleVersion,
        @DefaultValue("10000") BigDecimal largeThreshold,
        Map<String, BigDecimal> largeThresholdByCurrency,
        @DefaultValue("24h") Duration structuringWindow,
        @DefaultValue("10") int velocityMaxTransfers,
        @DefaultValue("1h") Duration velocityWindow,
        @DefaultValue("3") int insufficientFundsRepeatCount,
        @DefaultValue("1h") Duration insufficientFundsWindow) {

    public ComplianceRules rules() {
        return new ComplianceRules(ruleVersion, largeThreshold, largeThresholdByCurrency, structuringWindow,
                velocityMaxTransfers, velocityWindow, insufficientFundsRepeatCount, insufficientFundsWindow);
    }
}
