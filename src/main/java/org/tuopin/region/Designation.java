package org.tuopin.region;

/** The study's two designations: the "three areas" (Tibetan areas and southern Xinjiang) and the "three prefectures". */
public enum Designation {
    THREE_AREAS, THREE_PREFECTURES
}
