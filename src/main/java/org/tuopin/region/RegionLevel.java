package org.tuopin.region;

public enum RegionLevel {
    COUNTRY, PROVINCE, PREFECTURE, COUNTY
}
