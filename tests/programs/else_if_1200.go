package main

// An if with 1200 else ifs (issue 9: each used to count as nesting).
func pick(x int) int {
	if x == 0 {
		return 0
	} else if x == 1 {
		return 7
	} else if x == 2 {
		return 14
	} else if x == 3 {
		return 21
	} else if x == 4 {
		return 28
	} else if x == 5 {
		return 35
	} else if x == 6 {
		return 42
	} else if x == 7 {
		return 49
	} else if x == 8 {
		return 56
	} else if x == 9 {
		return 63
	} else if x == 10 {
		return 70
	} else if x == 11 {
		return 77
	} else if x == 12 {
		return 84
	} else if x == 13 {
		return 91
	} else if x == 14 {
		return 98
	} else if x == 15 {
		return 105
	} else if x == 16 {
		return 112
	} else if x == 17 {
		return 119
	} else if x == 18 {
		return 126
	} else if x == 19 {
		return 133
	} else if x == 20 {
		return 140
	} else if x == 21 {
		return 147
	} else if x == 22 {
		return 154
	} else if x == 23 {
		return 161
	} else if x == 24 {
		return 168
	} else if x == 25 {
		return 175
	} else if x == 26 {
		return 182
	} else if x == 27 {
		return 189
	} else if x == 28 {
		return 196
	} else if x == 29 {
		return 203
	} else if x == 30 {
		return 210
	} else if x == 31 {
		return 217
	} else if x == 32 {
		return 224
	} else if x == 33 {
		return 231
	} else if x == 34 {
		return 238
	} else if x == 35 {
		return 245
	} else if x == 36 {
		return 252
	} else if x == 37 {
		return 259
	} else if x == 38 {
		return 266
	} else if x == 39 {
		return 273
	} else if x == 40 {
		return 280
	} else if x == 41 {
		return 287
	} else if x == 42 {
		return 294
	} else if x == 43 {
		return 301
	} else if x == 44 {
		return 308
	} else if x == 45 {
		return 315
	} else if x == 46 {
		return 322
	} else if x == 47 {
		return 329
	} else if x == 48 {
		return 336
	} else if x == 49 {
		return 343
	} else if x == 50 {
		return 350
	} else if x == 51 {
		return 357
	} else if x == 52 {
		return 364
	} else if x == 53 {
		return 371
	} else if x == 54 {
		return 378
	} else if x == 55 {
		return 385
	} else if x == 56 {
		return 392
	} else if x == 57 {
		return 399
	} else if x == 58 {
		return 406
	} else if x == 59 {
		return 413
	} else if x == 60 {
		return 420
	} else if x == 61 {
		return 427
	} else if x == 62 {
		return 434
	} else if x == 63 {
		return 441
	} else if x == 64 {
		return 448
	} else if x == 65 {
		return 455
	} else if x == 66 {
		return 462
	} else if x == 67 {
		return 469
	} else if x == 68 {
		return 476
	} else if x == 69 {
		return 483
	} else if x == 70 {
		return 490
	} else if x == 71 {
		return 497
	} else if x == 72 {
		return 504
	} else if x == 73 {
		return 511
	} else if x == 74 {
		return 518
	} else if x == 75 {
		return 525
	} else if x == 76 {
		return 532
	} else if x == 77 {
		return 539
	} else if x == 78 {
		return 546
	} else if x == 79 {
		return 553
	} else if x == 80 {
		return 560
	} else if x == 81 {
		return 567
	} else if x == 82 {
		return 574
	} else if x == 83 {
		return 581
	} else if x == 84 {
		return 588
	} else if x == 85 {
		return 595
	} else if x == 86 {
		return 602
	} else if x == 87 {
		return 609
	} else if x == 88 {
		return 616
	} else if x == 89 {
		return 623
	} else if x == 90 {
		return 630
	} else if x == 91 {
		return 637
	} else if x == 92 {
		return 644
	} else if x == 93 {
		return 651
	} else if x == 94 {
		return 658
	} else if x == 95 {
		return 665
	} else if x == 96 {
		return 672
	} else if x == 97 {
		return 679
	} else if x == 98 {
		return 686
	} else if x == 99 {
		return 693
	} else if x == 100 {
		return 700
	} else if x == 101 {
		return 707
	} else if x == 102 {
		return 714
	} else if x == 103 {
		return 721
	} else if x == 104 {
		return 728
	} else if x == 105 {
		return 735
	} else if x == 106 {
		return 742
	} else if x == 107 {
		return 749
	} else if x == 108 {
		return 756
	} else if x == 109 {
		return 763
	} else if x == 110 {
		return 770
	} else if x == 111 {
		return 777
	} else if x == 112 {
		return 784
	} else if x == 113 {
		return 791
	} else if x == 114 {
		return 798
	} else if x == 115 {
		return 805
	} else if x == 116 {
		return 812
	} else if x == 117 {
		return 819
	} else if x == 118 {
		return 826
	} else if x == 119 {
		return 833
	} else if x == 120 {
		return 840
	} else if x == 121 {
		return 847
	} else if x == 122 {
		return 854
	} else if x == 123 {
		return 861
	} else if x == 124 {
		return 868
	} else if x == 125 {
		return 875
	} else if x == 126 {
		return 882
	} else if x == 127 {
		return 889
	} else if x == 128 {
		return 896
	} else if x == 129 {
		return 903
	} else if x == 130 {
		return 910
	} else if x == 131 {
		return 917
	} else if x == 132 {
		return 924
	} else if x == 133 {
		return 931
	} else if x == 134 {
		return 938
	} else if x == 135 {
		return 945
	} else if x == 136 {
		return 952
	} else if x == 137 {
		return 959
	} else if x == 138 {
		return 966
	} else if x == 139 {
		return 973
	} else if x == 140 {
		return 980
	} else if x == 141 {
		return 987
	} else if x == 142 {
		return 994
	} else if x == 143 {
		return 1001
	} else if x == 144 {
		return 1008
	} else if x == 145 {
		return 1015
	} else if x == 146 {
		return 1022
	} else if x == 147 {
		return 1029
	} else if x == 148 {
		return 1036
	} else if x == 149 {
		return 1043
	} else if x == 150 {
		return 1050
	} else if x == 151 {
		return 1057
	} else if x == 152 {
		return 1064
	} else if x == 153 {
		return 1071
	} else if x == 154 {
		return 1078
	} else if x == 155 {
		return 1085
	} else if x == 156 {
		return 1092
	} else if x == 157 {
		return 1099
	} else if x == 158 {
		return 1106
	} else if x == 159 {
		return 1113
	} else if x == 160 {
		return 1120
	} else if x == 161 {
		return 1127
	} else if x == 162 {
		return 1134
	} else if x == 163 {
		return 1141
	} else if x == 164 {
		return 1148
	} else if x == 165 {
		return 1155
	} else if x == 166 {
		return 1162
	} else if x == 167 {
		return 1169
	} else if x == 168 {
		return 1176
	} else if x == 169 {
		return 1183
	} else if x == 170 {
		return 1190
	} else if x == 171 {
		return 1197
	} else if x == 172 {
		return 1204
	} else if x == 173 {
		return 1211
	} else if x == 174 {
		return 1218
	} else if x == 175 {
		return 1225
	} else if x == 176 {
		return 1232
	} else if x == 177 {
		return 1239
	} else if x == 178 {
		return 1246
	} else if x == 179 {
		return 1253
	} else if x == 180 {
		return 1260
	} else if x == 181 {
		return 1267
	} else if x == 182 {
		return 1274
	} else if x == 183 {
		return 1281
	} else if x == 184 {
		return 1288
	} else if x == 185 {
		return 1295
	} else if x == 186 {
		return 1302
	} else if x == 187 {
		return 1309
	} else if x == 188 {
		return 1316
	} else if x == 189 {
		return 1323
	} else if x == 190 {
		return 1330
	} else if x == 191 {
		return 1337
	} else if x == 192 {
		return 1344
	} else if x == 193 {
		return 1351
	} else if x == 194 {
		return 1358
	} else if x == 195 {
		return 1365
	} else if x == 196 {
		return 1372
	} else if x == 197 {
		return 1379
	} else if x == 198 {
		return 1386
	} else if x == 199 {
		return 1393
	} else if x == 200 {
		return 1400
	} else if x == 201 {
		return 1407
	} else if x == 202 {
		return 1414
	} else if x == 203 {
		return 1421
	} else if x == 204 {
		return 1428
	} else if x == 205 {
		return 1435
	} else if x == 206 {
		return 1442
	} else if x == 207 {
		return 1449
	} else if x == 208 {
		return 1456
	} else if x == 209 {
		return 1463
	} else if x == 210 {
		return 1470
	} else if x == 211 {
		return 1477
	} else if x == 212 {
		return 1484
	} else if x == 213 {
		return 1491
	} else if x == 214 {
		return 1498
	} else if x == 215 {
		return 1505
	} else if x == 216 {
		return 1512
	} else if x == 217 {
		return 1519
	} else if x == 218 {
		return 1526
	} else if x == 219 {
		return 1533
	} else if x == 220 {
		return 1540
	} else if x == 221 {
		return 1547
	} else if x == 222 {
		return 1554
	} else if x == 223 {
		return 1561
	} else if x == 224 {
		return 1568
	} else if x == 225 {
		return 1575
	} else if x == 226 {
		return 1582
	} else if x == 227 {
		return 1589
	} else if x == 228 {
		return 1596
	} else if x == 229 {
		return 1603
	} else if x == 230 {
		return 1610
	} else if x == 231 {
		return 1617
	} else if x == 232 {
		return 1624
	} else if x == 233 {
		return 1631
	} else if x == 234 {
		return 1638
	} else if x == 235 {
		return 1645
	} else if x == 236 {
		return 1652
	} else if x == 237 {
		return 1659
	} else if x == 238 {
		return 1666
	} else if x == 239 {
		return 1673
	} else if x == 240 {
		return 1680
	} else if x == 241 {
		return 1687
	} else if x == 242 {
		return 1694
	} else if x == 243 {
		return 1701
	} else if x == 244 {
		return 1708
	} else if x == 245 {
		return 1715
	} else if x == 246 {
		return 1722
	} else if x == 247 {
		return 1729
	} else if x == 248 {
		return 1736
	} else if x == 249 {
		return 1743
	} else if x == 250 {
		return 1750
	} else if x == 251 {
		return 1757
	} else if x == 252 {
		return 1764
	} else if x == 253 {
		return 1771
	} else if x == 254 {
		return 1778
	} else if x == 255 {
		return 1785
	} else if x == 256 {
		return 1792
	} else if x == 257 {
		return 1799
	} else if x == 258 {
		return 1806
	} else if x == 259 {
		return 1813
	} else if x == 260 {
		return 1820
	} else if x == 261 {
		return 1827
	} else if x == 262 {
		return 1834
	} else if x == 263 {
		return 1841
	} else if x == 264 {
		return 1848
	} else if x == 265 {
		return 1855
	} else if x == 266 {
		return 1862
	} else if x == 267 {
		return 1869
	} else if x == 268 {
		return 1876
	} else if x == 269 {
		return 1883
	} else if x == 270 {
		return 1890
	} else if x == 271 {
		return 1897
	} else if x == 272 {
		return 1904
	} else if x == 273 {
		return 1911
	} else if x == 274 {
		return 1918
	} else if x == 275 {
		return 1925
	} else if x == 276 {
		return 1932
	} else if x == 277 {
		return 1939
	} else if x == 278 {
		return 1946
	} else if x == 279 {
		return 1953
	} else if x == 280 {
		return 1960
	} else if x == 281 {
		return 1967
	} else if x == 282 {
		return 1974
	} else if x == 283 {
		return 1981
	} else if x == 284 {
		return 1988
	} else if x == 285 {
		return 1995
	} else if x == 286 {
		return 2002
	} else if x == 287 {
		return 2009
	} else if x == 288 {
		return 2016
	} else if x == 289 {
		return 2023
	} else if x == 290 {
		return 2030
	} else if x == 291 {
		return 2037
	} else if x == 292 {
		return 2044
	} else if x == 293 {
		return 2051
	} else if x == 294 {
		return 2058
	} else if x == 295 {
		return 2065
	} else if x == 296 {
		return 2072
	} else if x == 297 {
		return 2079
	} else if x == 298 {
		return 2086
	} else if x == 299 {
		return 2093
	} else if x == 300 {
		return 2100
	} else if x == 301 {
		return 2107
	} else if x == 302 {
		return 2114
	} else if x == 303 {
		return 2121
	} else if x == 304 {
		return 2128
	} else if x == 305 {
		return 2135
	} else if x == 306 {
		return 2142
	} else if x == 307 {
		return 2149
	} else if x == 308 {
		return 2156
	} else if x == 309 {
		return 2163
	} else if x == 310 {
		return 2170
	} else if x == 311 {
		return 2177
	} else if x == 312 {
		return 2184
	} else if x == 313 {
		return 2191
	} else if x == 314 {
		return 2198
	} else if x == 315 {
		return 2205
	} else if x == 316 {
		return 2212
	} else if x == 317 {
		return 2219
	} else if x == 318 {
		return 2226
	} else if x == 319 {
		return 2233
	} else if x == 320 {
		return 2240
	} else if x == 321 {
		return 2247
	} else if x == 322 {
		return 2254
	} else if x == 323 {
		return 2261
	} else if x == 324 {
		return 2268
	} else if x == 325 {
		return 2275
	} else if x == 326 {
		return 2282
	} else if x == 327 {
		return 2289
	} else if x == 328 {
		return 2296
	} else if x == 329 {
		return 2303
	} else if x == 330 {
		return 2310
	} else if x == 331 {
		return 2317
	} else if x == 332 {
		return 2324
	} else if x == 333 {
		return 2331
	} else if x == 334 {
		return 2338
	} else if x == 335 {
		return 2345
	} else if x == 336 {
		return 2352
	} else if x == 337 {
		return 2359
	} else if x == 338 {
		return 2366
	} else if x == 339 {
		return 2373
	} else if x == 340 {
		return 2380
	} else if x == 341 {
		return 2387
	} else if x == 342 {
		return 2394
	} else if x == 343 {
		return 2401
	} else if x == 344 {
		return 2408
	} else if x == 345 {
		return 2415
	} else if x == 346 {
		return 2422
	} else if x == 347 {
		return 2429
	} else if x == 348 {
		return 2436
	} else if x == 349 {
		return 2443
	} else if x == 350 {
		return 2450
	} else if x == 351 {
		return 2457
	} else if x == 352 {
		return 2464
	} else if x == 353 {
		return 2471
	} else if x == 354 {
		return 2478
	} else if x == 355 {
		return 2485
	} else if x == 356 {
		return 2492
	} else if x == 357 {
		return 2499
	} else if x == 358 {
		return 2506
	} else if x == 359 {
		return 2513
	} else if x == 360 {
		return 2520
	} else if x == 361 {
		return 2527
	} else if x == 362 {
		return 2534
	} else if x == 363 {
		return 2541
	} else if x == 364 {
		return 2548
	} else if x == 365 {
		return 2555
	} else if x == 366 {
		return 2562
	} else if x == 367 {
		return 2569
	} else if x == 368 {
		return 2576
	} else if x == 369 {
		return 2583
	} else if x == 370 {
		return 2590
	} else if x == 371 {
		return 2597
	} else if x == 372 {
		return 2604
	} else if x == 373 {
		return 2611
	} else if x == 374 {
		return 2618
	} else if x == 375 {
		return 2625
	} else if x == 376 {
		return 2632
	} else if x == 377 {
		return 2639
	} else if x == 378 {
		return 2646
	} else if x == 379 {
		return 2653
	} else if x == 380 {
		return 2660
	} else if x == 381 {
		return 2667
	} else if x == 382 {
		return 2674
	} else if x == 383 {
		return 2681
	} else if x == 384 {
		return 2688
	} else if x == 385 {
		return 2695
	} else if x == 386 {
		return 2702
	} else if x == 387 {
		return 2709
	} else if x == 388 {
		return 2716
	} else if x == 389 {
		return 2723
	} else if x == 390 {
		return 2730
	} else if x == 391 {
		return 2737
	} else if x == 392 {
		return 2744
	} else if x == 393 {
		return 2751
	} else if x == 394 {
		return 2758
	} else if x == 395 {
		return 2765
	} else if x == 396 {
		return 2772
	} else if x == 397 {
		return 2779
	} else if x == 398 {
		return 2786
	} else if x == 399 {
		return 2793
	} else if x == 400 {
		return 2800
	} else if x == 401 {
		return 2807
	} else if x == 402 {
		return 2814
	} else if x == 403 {
		return 2821
	} else if x == 404 {
		return 2828
	} else if x == 405 {
		return 2835
	} else if x == 406 {
		return 2842
	} else if x == 407 {
		return 2849
	} else if x == 408 {
		return 2856
	} else if x == 409 {
		return 2863
	} else if x == 410 {
		return 2870
	} else if x == 411 {
		return 2877
	} else if x == 412 {
		return 2884
	} else if x == 413 {
		return 2891
	} else if x == 414 {
		return 2898
	} else if x == 415 {
		return 2905
	} else if x == 416 {
		return 2912
	} else if x == 417 {
		return 2919
	} else if x == 418 {
		return 2926
	} else if x == 419 {
		return 2933
	} else if x == 420 {
		return 2940
	} else if x == 421 {
		return 2947
	} else if x == 422 {
		return 2954
	} else if x == 423 {
		return 2961
	} else if x == 424 {
		return 2968
	} else if x == 425 {
		return 2975
	} else if x == 426 {
		return 2982
	} else if x == 427 {
		return 2989
	} else if x == 428 {
		return 2996
	} else if x == 429 {
		return 3003
	} else if x == 430 {
		return 3010
	} else if x == 431 {
		return 3017
	} else if x == 432 {
		return 3024
	} else if x == 433 {
		return 3031
	} else if x == 434 {
		return 3038
	} else if x == 435 {
		return 3045
	} else if x == 436 {
		return 3052
	} else if x == 437 {
		return 3059
	} else if x == 438 {
		return 3066
	} else if x == 439 {
		return 3073
	} else if x == 440 {
		return 3080
	} else if x == 441 {
		return 3087
	} else if x == 442 {
		return 3094
	} else if x == 443 {
		return 3101
	} else if x == 444 {
		return 3108
	} else if x == 445 {
		return 3115
	} else if x == 446 {
		return 3122
	} else if x == 447 {
		return 3129
	} else if x == 448 {
		return 3136
	} else if x == 449 {
		return 3143
	} else if x == 450 {
		return 3150
	} else if x == 451 {
		return 3157
	} else if x == 452 {
		return 3164
	} else if x == 453 {
		return 3171
	} else if x == 454 {
		return 3178
	} else if x == 455 {
		return 3185
	} else if x == 456 {
		return 3192
	} else if x == 457 {
		return 3199
	} else if x == 458 {
		return 3206
	} else if x == 459 {
		return 3213
	} else if x == 460 {
		return 3220
	} else if x == 461 {
		return 3227
	} else if x == 462 {
		return 3234
	} else if x == 463 {
		return 3241
	} else if x == 464 {
		return 3248
	} else if x == 465 {
		return 3255
	} else if x == 466 {
		return 3262
	} else if x == 467 {
		return 3269
	} else if x == 468 {
		return 3276
	} else if x == 469 {
		return 3283
	} else if x == 470 {
		return 3290
	} else if x == 471 {
		return 3297
	} else if x == 472 {
		return 3304
	} else if x == 473 {
		return 3311
	} else if x == 474 {
		return 3318
	} else if x == 475 {
		return 3325
	} else if x == 476 {
		return 3332
	} else if x == 477 {
		return 3339
	} else if x == 478 {
		return 3346
	} else if x == 479 {
		return 3353
	} else if x == 480 {
		return 3360
	} else if x == 481 {
		return 3367
	} else if x == 482 {
		return 3374
	} else if x == 483 {
		return 3381
	} else if x == 484 {
		return 3388
	} else if x == 485 {
		return 3395
	} else if x == 486 {
		return 3402
	} else if x == 487 {
		return 3409
	} else if x == 488 {
		return 3416
	} else if x == 489 {
		return 3423
	} else if x == 490 {
		return 3430
	} else if x == 491 {
		return 3437
	} else if x == 492 {
		return 3444
	} else if x == 493 {
		return 3451
	} else if x == 494 {
		return 3458
	} else if x == 495 {
		return 3465
	} else if x == 496 {
		return 3472
	} else if x == 497 {
		return 3479
	} else if x == 498 {
		return 3486
	} else if x == 499 {
		return 3493
	} else if x == 500 {
		return 3500
	} else if x == 501 {
		return 3507
	} else if x == 502 {
		return 3514
	} else if x == 503 {
		return 3521
	} else if x == 504 {
		return 3528
	} else if x == 505 {
		return 3535
	} else if x == 506 {
		return 3542
	} else if x == 507 {
		return 3549
	} else if x == 508 {
		return 3556
	} else if x == 509 {
		return 3563
	} else if x == 510 {
		return 3570
	} else if x == 511 {
		return 3577
	} else if x == 512 {
		return 3584
	} else if x == 513 {
		return 3591
	} else if x == 514 {
		return 3598
	} else if x == 515 {
		return 3605
	} else if x == 516 {
		return 3612
	} else if x == 517 {
		return 3619
	} else if x == 518 {
		return 3626
	} else if x == 519 {
		return 3633
	} else if x == 520 {
		return 3640
	} else if x == 521 {
		return 3647
	} else if x == 522 {
		return 3654
	} else if x == 523 {
		return 3661
	} else if x == 524 {
		return 3668
	} else if x == 525 {
		return 3675
	} else if x == 526 {
		return 3682
	} else if x == 527 {
		return 3689
	} else if x == 528 {
		return 3696
	} else if x == 529 {
		return 3703
	} else if x == 530 {
		return 3710
	} else if x == 531 {
		return 3717
	} else if x == 532 {
		return 3724
	} else if x == 533 {
		return 3731
	} else if x == 534 {
		return 3738
	} else if x == 535 {
		return 3745
	} else if x == 536 {
		return 3752
	} else if x == 537 {
		return 3759
	} else if x == 538 {
		return 3766
	} else if x == 539 {
		return 3773
	} else if x == 540 {
		return 3780
	} else if x == 541 {
		return 3787
	} else if x == 542 {
		return 3794
	} else if x == 543 {
		return 3801
	} else if x == 544 {
		return 3808
	} else if x == 545 {
		return 3815
	} else if x == 546 {
		return 3822
	} else if x == 547 {
		return 3829
	} else if x == 548 {
		return 3836
	} else if x == 549 {
		return 3843
	} else if x == 550 {
		return 3850
	} else if x == 551 {
		return 3857
	} else if x == 552 {
		return 3864
	} else if x == 553 {
		return 3871
	} else if x == 554 {
		return 3878
	} else if x == 555 {
		return 3885
	} else if x == 556 {
		return 3892
	} else if x == 557 {
		return 3899
	} else if x == 558 {
		return 3906
	} else if x == 559 {
		return 3913
	} else if x == 560 {
		return 3920
	} else if x == 561 {
		return 3927
	} else if x == 562 {
		return 3934
	} else if x == 563 {
		return 3941
	} else if x == 564 {
		return 3948
	} else if x == 565 {
		return 3955
	} else if x == 566 {
		return 3962
	} else if x == 567 {
		return 3969
	} else if x == 568 {
		return 3976
	} else if x == 569 {
		return 3983
	} else if x == 570 {
		return 3990
	} else if x == 571 {
		return 3997
	} else if x == 572 {
		return 4004
	} else if x == 573 {
		return 4011
	} else if x == 574 {
		return 4018
	} else if x == 575 {
		return 4025
	} else if x == 576 {
		return 4032
	} else if x == 577 {
		return 4039
	} else if x == 578 {
		return 4046
	} else if x == 579 {
		return 4053
	} else if x == 580 {
		return 4060
	} else if x == 581 {
		return 4067
	} else if x == 582 {
		return 4074
	} else if x == 583 {
		return 4081
	} else if x == 584 {
		return 4088
	} else if x == 585 {
		return 4095
	} else if x == 586 {
		return 4102
	} else if x == 587 {
		return 4109
	} else if x == 588 {
		return 4116
	} else if x == 589 {
		return 4123
	} else if x == 590 {
		return 4130
	} else if x == 591 {
		return 4137
	} else if x == 592 {
		return 4144
	} else if x == 593 {
		return 4151
	} else if x == 594 {
		return 4158
	} else if x == 595 {
		return 4165
	} else if x == 596 {
		return 4172
	} else if x == 597 {
		return 4179
	} else if x == 598 {
		return 4186
	} else if x == 599 {
		return 4193
	} else if x == 600 {
		return 4200
	} else if x == 601 {
		return 4207
	} else if x == 602 {
		return 4214
	} else if x == 603 {
		return 4221
	} else if x == 604 {
		return 4228
	} else if x == 605 {
		return 4235
	} else if x == 606 {
		return 4242
	} else if x == 607 {
		return 4249
	} else if x == 608 {
		return 4256
	} else if x == 609 {
		return 4263
	} else if x == 610 {
		return 4270
	} else if x == 611 {
		return 4277
	} else if x == 612 {
		return 4284
	} else if x == 613 {
		return 4291
	} else if x == 614 {
		return 4298
	} else if x == 615 {
		return 4305
	} else if x == 616 {
		return 4312
	} else if x == 617 {
		return 4319
	} else if x == 618 {
		return 4326
	} else if x == 619 {
		return 4333
	} else if x == 620 {
		return 4340
	} else if x == 621 {
		return 4347
	} else if x == 622 {
		return 4354
	} else if x == 623 {
		return 4361
	} else if x == 624 {
		return 4368
	} else if x == 625 {
		return 4375
	} else if x == 626 {
		return 4382
	} else if x == 627 {
		return 4389
	} else if x == 628 {
		return 4396
	} else if x == 629 {
		return 4403
	} else if x == 630 {
		return 4410
	} else if x == 631 {
		return 4417
	} else if x == 632 {
		return 4424
	} else if x == 633 {
		return 4431
	} else if x == 634 {
		return 4438
	} else if x == 635 {
		return 4445
	} else if x == 636 {
		return 4452
	} else if x == 637 {
		return 4459
	} else if x == 638 {
		return 4466
	} else if x == 639 {
		return 4473
	} else if x == 640 {
		return 4480
	} else if x == 641 {
		return 4487
	} else if x == 642 {
		return 4494
	} else if x == 643 {
		return 4501
	} else if x == 644 {
		return 4508
	} else if x == 645 {
		return 4515
	} else if x == 646 {
		return 4522
	} else if x == 647 {
		return 4529
	} else if x == 648 {
		return 4536
	} else if x == 649 {
		return 4543
	} else if x == 650 {
		return 4550
	} else if x == 651 {
		return 4557
	} else if x == 652 {
		return 4564
	} else if x == 653 {
		return 4571
	} else if x == 654 {
		return 4578
	} else if x == 655 {
		return 4585
	} else if x == 656 {
		return 4592
	} else if x == 657 {
		return 4599
	} else if x == 658 {
		return 4606
	} else if x == 659 {
		return 4613
	} else if x == 660 {
		return 4620
	} else if x == 661 {
		return 4627
	} else if x == 662 {
		return 4634
	} else if x == 663 {
		return 4641
	} else if x == 664 {
		return 4648
	} else if x == 665 {
		return 4655
	} else if x == 666 {
		return 4662
	} else if x == 667 {
		return 4669
	} else if x == 668 {
		return 4676
	} else if x == 669 {
		return 4683
	} else if x == 670 {
		return 4690
	} else if x == 671 {
		return 4697
	} else if x == 672 {
		return 4704
	} else if x == 673 {
		return 4711
	} else if x == 674 {
		return 4718
	} else if x == 675 {
		return 4725
	} else if x == 676 {
		return 4732
	} else if x == 677 {
		return 4739
	} else if x == 678 {
		return 4746
	} else if x == 679 {
		return 4753
	} else if x == 680 {
		return 4760
	} else if x == 681 {
		return 4767
	} else if x == 682 {
		return 4774
	} else if x == 683 {
		return 4781
	} else if x == 684 {
		return 4788
	} else if x == 685 {
		return 4795
	} else if x == 686 {
		return 4802
	} else if x == 687 {
		return 4809
	} else if x == 688 {
		return 4816
	} else if x == 689 {
		return 4823
	} else if x == 690 {
		return 4830
	} else if x == 691 {
		return 4837
	} else if x == 692 {
		return 4844
	} else if x == 693 {
		return 4851
	} else if x == 694 {
		return 4858
	} else if x == 695 {
		return 4865
	} else if x == 696 {
		return 4872
	} else if x == 697 {
		return 4879
	} else if x == 698 {
		return 4886
	} else if x == 699 {
		return 4893
	} else if x == 700 {
		return 4900
	} else if x == 701 {
		return 4907
	} else if x == 702 {
		return 4914
	} else if x == 703 {
		return 4921
	} else if x == 704 {
		return 4928
	} else if x == 705 {
		return 4935
	} else if x == 706 {
		return 4942
	} else if x == 707 {
		return 4949
	} else if x == 708 {
		return 4956
	} else if x == 709 {
		return 4963
	} else if x == 710 {
		return 4970
	} else if x == 711 {
		return 4977
	} else if x == 712 {
		return 4984
	} else if x == 713 {
		return 4991
	} else if x == 714 {
		return 4998
	} else if x == 715 {
		return 5005
	} else if x == 716 {
		return 5012
	} else if x == 717 {
		return 5019
	} else if x == 718 {
		return 5026
	} else if x == 719 {
		return 5033
	} else if x == 720 {
		return 5040
	} else if x == 721 {
		return 5047
	} else if x == 722 {
		return 5054
	} else if x == 723 {
		return 5061
	} else if x == 724 {
		return 5068
	} else if x == 725 {
		return 5075
	} else if x == 726 {
		return 5082
	} else if x == 727 {
		return 5089
	} else if x == 728 {
		return 5096
	} else if x == 729 {
		return 5103
	} else if x == 730 {
		return 5110
	} else if x == 731 {
		return 5117
	} else if x == 732 {
		return 5124
	} else if x == 733 {
		return 5131
	} else if x == 734 {
		return 5138
	} else if x == 735 {
		return 5145
	} else if x == 736 {
		return 5152
	} else if x == 737 {
		return 5159
	} else if x == 738 {
		return 5166
	} else if x == 739 {
		return 5173
	} else if x == 740 {
		return 5180
	} else if x == 741 {
		return 5187
	} else if x == 742 {
		return 5194
	} else if x == 743 {
		return 5201
	} else if x == 744 {
		return 5208
	} else if x == 745 {
		return 5215
	} else if x == 746 {
		return 5222
	} else if x == 747 {
		return 5229
	} else if x == 748 {
		return 5236
	} else if x == 749 {
		return 5243
	} else if x == 750 {
		return 5250
	} else if x == 751 {
		return 5257
	} else if x == 752 {
		return 5264
	} else if x == 753 {
		return 5271
	} else if x == 754 {
		return 5278
	} else if x == 755 {
		return 5285
	} else if x == 756 {
		return 5292
	} else if x == 757 {
		return 5299
	} else if x == 758 {
		return 5306
	} else if x == 759 {
		return 5313
	} else if x == 760 {
		return 5320
	} else if x == 761 {
		return 5327
	} else if x == 762 {
		return 5334
	} else if x == 763 {
		return 5341
	} else if x == 764 {
		return 5348
	} else if x == 765 {
		return 5355
	} else if x == 766 {
		return 5362
	} else if x == 767 {
		return 5369
	} else if x == 768 {
		return 5376
	} else if x == 769 {
		return 5383
	} else if x == 770 {
		return 5390
	} else if x == 771 {
		return 5397
	} else if x == 772 {
		return 5404
	} else if x == 773 {
		return 5411
	} else if x == 774 {
		return 5418
	} else if x == 775 {
		return 5425
	} else if x == 776 {
		return 5432
	} else if x == 777 {
		return 5439
	} else if x == 778 {
		return 5446
	} else if x == 779 {
		return 5453
	} else if x == 780 {
		return 5460
	} else if x == 781 {
		return 5467
	} else if x == 782 {
		return 5474
	} else if x == 783 {
		return 5481
	} else if x == 784 {
		return 5488
	} else if x == 785 {
		return 5495
	} else if x == 786 {
		return 5502
	} else if x == 787 {
		return 5509
	} else if x == 788 {
		return 5516
	} else if x == 789 {
		return 5523
	} else if x == 790 {
		return 5530
	} else if x == 791 {
		return 5537
	} else if x == 792 {
		return 5544
	} else if x == 793 {
		return 5551
	} else if x == 794 {
		return 5558
	} else if x == 795 {
		return 5565
	} else if x == 796 {
		return 5572
	} else if x == 797 {
		return 5579
	} else if x == 798 {
		return 5586
	} else if x == 799 {
		return 5593
	} else if x == 800 {
		return 5600
	} else if x == 801 {
		return 5607
	} else if x == 802 {
		return 5614
	} else if x == 803 {
		return 5621
	} else if x == 804 {
		return 5628
	} else if x == 805 {
		return 5635
	} else if x == 806 {
		return 5642
	} else if x == 807 {
		return 5649
	} else if x == 808 {
		return 5656
	} else if x == 809 {
		return 5663
	} else if x == 810 {
		return 5670
	} else if x == 811 {
		return 5677
	} else if x == 812 {
		return 5684
	} else if x == 813 {
		return 5691
	} else if x == 814 {
		return 5698
	} else if x == 815 {
		return 5705
	} else if x == 816 {
		return 5712
	} else if x == 817 {
		return 5719
	} else if x == 818 {
		return 5726
	} else if x == 819 {
		return 5733
	} else if x == 820 {
		return 5740
	} else if x == 821 {
		return 5747
	} else if x == 822 {
		return 5754
	} else if x == 823 {
		return 5761
	} else if x == 824 {
		return 5768
	} else if x == 825 {
		return 5775
	} else if x == 826 {
		return 5782
	} else if x == 827 {
		return 5789
	} else if x == 828 {
		return 5796
	} else if x == 829 {
		return 5803
	} else if x == 830 {
		return 5810
	} else if x == 831 {
		return 5817
	} else if x == 832 {
		return 5824
	} else if x == 833 {
		return 5831
	} else if x == 834 {
		return 5838
	} else if x == 835 {
		return 5845
	} else if x == 836 {
		return 5852
	} else if x == 837 {
		return 5859
	} else if x == 838 {
		return 5866
	} else if x == 839 {
		return 5873
	} else if x == 840 {
		return 5880
	} else if x == 841 {
		return 5887
	} else if x == 842 {
		return 5894
	} else if x == 843 {
		return 5901
	} else if x == 844 {
		return 5908
	} else if x == 845 {
		return 5915
	} else if x == 846 {
		return 5922
	} else if x == 847 {
		return 5929
	} else if x == 848 {
		return 5936
	} else if x == 849 {
		return 5943
	} else if x == 850 {
		return 5950
	} else if x == 851 {
		return 5957
	} else if x == 852 {
		return 5964
	} else if x == 853 {
		return 5971
	} else if x == 854 {
		return 5978
	} else if x == 855 {
		return 5985
	} else if x == 856 {
		return 5992
	} else if x == 857 {
		return 5999
	} else if x == 858 {
		return 6006
	} else if x == 859 {
		return 6013
	} else if x == 860 {
		return 6020
	} else if x == 861 {
		return 6027
	} else if x == 862 {
		return 6034
	} else if x == 863 {
		return 6041
	} else if x == 864 {
		return 6048
	} else if x == 865 {
		return 6055
	} else if x == 866 {
		return 6062
	} else if x == 867 {
		return 6069
	} else if x == 868 {
		return 6076
	} else if x == 869 {
		return 6083
	} else if x == 870 {
		return 6090
	} else if x == 871 {
		return 6097
	} else if x == 872 {
		return 6104
	} else if x == 873 {
		return 6111
	} else if x == 874 {
		return 6118
	} else if x == 875 {
		return 6125
	} else if x == 876 {
		return 6132
	} else if x == 877 {
		return 6139
	} else if x == 878 {
		return 6146
	} else if x == 879 {
		return 6153
	} else if x == 880 {
		return 6160
	} else if x == 881 {
		return 6167
	} else if x == 882 {
		return 6174
	} else if x == 883 {
		return 6181
	} else if x == 884 {
		return 6188
	} else if x == 885 {
		return 6195
	} else if x == 886 {
		return 6202
	} else if x == 887 {
		return 6209
	} else if x == 888 {
		return 6216
	} else if x == 889 {
		return 6223
	} else if x == 890 {
		return 6230
	} else if x == 891 {
		return 6237
	} else if x == 892 {
		return 6244
	} else if x == 893 {
		return 6251
	} else if x == 894 {
		return 6258
	} else if x == 895 {
		return 6265
	} else if x == 896 {
		return 6272
	} else if x == 897 {
		return 6279
	} else if x == 898 {
		return 6286
	} else if x == 899 {
		return 6293
	} else if x == 900 {
		return 6300
	} else if x == 901 {
		return 6307
	} else if x == 902 {
		return 6314
	} else if x == 903 {
		return 6321
	} else if x == 904 {
		return 6328
	} else if x == 905 {
		return 6335
	} else if x == 906 {
		return 6342
	} else if x == 907 {
		return 6349
	} else if x == 908 {
		return 6356
	} else if x == 909 {
		return 6363
	} else if x == 910 {
		return 6370
	} else if x == 911 {
		return 6377
	} else if x == 912 {
		return 6384
	} else if x == 913 {
		return 6391
	} else if x == 914 {
		return 6398
	} else if x == 915 {
		return 6405
	} else if x == 916 {
		return 6412
	} else if x == 917 {
		return 6419
	} else if x == 918 {
		return 6426
	} else if x == 919 {
		return 6433
	} else if x == 920 {
		return 6440
	} else if x == 921 {
		return 6447
	} else if x == 922 {
		return 6454
	} else if x == 923 {
		return 6461
	} else if x == 924 {
		return 6468
	} else if x == 925 {
		return 6475
	} else if x == 926 {
		return 6482
	} else if x == 927 {
		return 6489
	} else if x == 928 {
		return 6496
	} else if x == 929 {
		return 6503
	} else if x == 930 {
		return 6510
	} else if x == 931 {
		return 6517
	} else if x == 932 {
		return 6524
	} else if x == 933 {
		return 6531
	} else if x == 934 {
		return 6538
	} else if x == 935 {
		return 6545
	} else if x == 936 {
		return 6552
	} else if x == 937 {
		return 6559
	} else if x == 938 {
		return 6566
	} else if x == 939 {
		return 6573
	} else if x == 940 {
		return 6580
	} else if x == 941 {
		return 6587
	} else if x == 942 {
		return 6594
	} else if x == 943 {
		return 6601
	} else if x == 944 {
		return 6608
	} else if x == 945 {
		return 6615
	} else if x == 946 {
		return 6622
	} else if x == 947 {
		return 6629
	} else if x == 948 {
		return 6636
	} else if x == 949 {
		return 6643
	} else if x == 950 {
		return 6650
	} else if x == 951 {
		return 6657
	} else if x == 952 {
		return 6664
	} else if x == 953 {
		return 6671
	} else if x == 954 {
		return 6678
	} else if x == 955 {
		return 6685
	} else if x == 956 {
		return 6692
	} else if x == 957 {
		return 6699
	} else if x == 958 {
		return 6706
	} else if x == 959 {
		return 6713
	} else if x == 960 {
		return 6720
	} else if x == 961 {
		return 6727
	} else if x == 962 {
		return 6734
	} else if x == 963 {
		return 6741
	} else if x == 964 {
		return 6748
	} else if x == 965 {
		return 6755
	} else if x == 966 {
		return 6762
	} else if x == 967 {
		return 6769
	} else if x == 968 {
		return 6776
	} else if x == 969 {
		return 6783
	} else if x == 970 {
		return 6790
	} else if x == 971 {
		return 6797
	} else if x == 972 {
		return 6804
	} else if x == 973 {
		return 6811
	} else if x == 974 {
		return 6818
	} else if x == 975 {
		return 6825
	} else if x == 976 {
		return 6832
	} else if x == 977 {
		return 6839
	} else if x == 978 {
		return 6846
	} else if x == 979 {
		return 6853
	} else if x == 980 {
		return 6860
	} else if x == 981 {
		return 6867
	} else if x == 982 {
		return 6874
	} else if x == 983 {
		return 6881
	} else if x == 984 {
		return 6888
	} else if x == 985 {
		return 6895
	} else if x == 986 {
		return 6902
	} else if x == 987 {
		return 6909
	} else if x == 988 {
		return 6916
	} else if x == 989 {
		return 6923
	} else if x == 990 {
		return 6930
	} else if x == 991 {
		return 6937
	} else if x == 992 {
		return 6944
	} else if x == 993 {
		return 6951
	} else if x == 994 {
		return 6958
	} else if x == 995 {
		return 6965
	} else if x == 996 {
		return 6972
	} else if x == 997 {
		return 6979
	} else if x == 998 {
		return 6986
	} else if x == 999 {
		return 6993
	} else if x == 1000 {
		return 7000
	} else if x == 1001 {
		return 7007
	} else if x == 1002 {
		return 7014
	} else if x == 1003 {
		return 7021
	} else if x == 1004 {
		return 7028
	} else if x == 1005 {
		return 7035
	} else if x == 1006 {
		return 7042
	} else if x == 1007 {
		return 7049
	} else if x == 1008 {
		return 7056
	} else if x == 1009 {
		return 7063
	} else if x == 1010 {
		return 7070
	} else if x == 1011 {
		return 7077
	} else if x == 1012 {
		return 7084
	} else if x == 1013 {
		return 7091
	} else if x == 1014 {
		return 7098
	} else if x == 1015 {
		return 7105
	} else if x == 1016 {
		return 7112
	} else if x == 1017 {
		return 7119
	} else if x == 1018 {
		return 7126
	} else if x == 1019 {
		return 7133
	} else if x == 1020 {
		return 7140
	} else if x == 1021 {
		return 7147
	} else if x == 1022 {
		return 7154
	} else if x == 1023 {
		return 7161
	} else if x == 1024 {
		return 7168
	} else if x == 1025 {
		return 7175
	} else if x == 1026 {
		return 7182
	} else if x == 1027 {
		return 7189
	} else if x == 1028 {
		return 7196
	} else if x == 1029 {
		return 7203
	} else if x == 1030 {
		return 7210
	} else if x == 1031 {
		return 7217
	} else if x == 1032 {
		return 7224
	} else if x == 1033 {
		return 7231
	} else if x == 1034 {
		return 7238
	} else if x == 1035 {
		return 7245
	} else if x == 1036 {
		return 7252
	} else if x == 1037 {
		return 7259
	} else if x == 1038 {
		return 7266
	} else if x == 1039 {
		return 7273
	} else if x == 1040 {
		return 7280
	} else if x == 1041 {
		return 7287
	} else if x == 1042 {
		return 7294
	} else if x == 1043 {
		return 7301
	} else if x == 1044 {
		return 7308
	} else if x == 1045 {
		return 7315
	} else if x == 1046 {
		return 7322
	} else if x == 1047 {
		return 7329
	} else if x == 1048 {
		return 7336
	} else if x == 1049 {
		return 7343
	} else if x == 1050 {
		return 7350
	} else if x == 1051 {
		return 7357
	} else if x == 1052 {
		return 7364
	} else if x == 1053 {
		return 7371
	} else if x == 1054 {
		return 7378
	} else if x == 1055 {
		return 7385
	} else if x == 1056 {
		return 7392
	} else if x == 1057 {
		return 7399
	} else if x == 1058 {
		return 7406
	} else if x == 1059 {
		return 7413
	} else if x == 1060 {
		return 7420
	} else if x == 1061 {
		return 7427
	} else if x == 1062 {
		return 7434
	} else if x == 1063 {
		return 7441
	} else if x == 1064 {
		return 7448
	} else if x == 1065 {
		return 7455
	} else if x == 1066 {
		return 7462
	} else if x == 1067 {
		return 7469
	} else if x == 1068 {
		return 7476
	} else if x == 1069 {
		return 7483
	} else if x == 1070 {
		return 7490
	} else if x == 1071 {
		return 7497
	} else if x == 1072 {
		return 7504
	} else if x == 1073 {
		return 7511
	} else if x == 1074 {
		return 7518
	} else if x == 1075 {
		return 7525
	} else if x == 1076 {
		return 7532
	} else if x == 1077 {
		return 7539
	} else if x == 1078 {
		return 7546
	} else if x == 1079 {
		return 7553
	} else if x == 1080 {
		return 7560
	} else if x == 1081 {
		return 7567
	} else if x == 1082 {
		return 7574
	} else if x == 1083 {
		return 7581
	} else if x == 1084 {
		return 7588
	} else if x == 1085 {
		return 7595
	} else if x == 1086 {
		return 7602
	} else if x == 1087 {
		return 7609
	} else if x == 1088 {
		return 7616
	} else if x == 1089 {
		return 7623
	} else if x == 1090 {
		return 7630
	} else if x == 1091 {
		return 7637
	} else if x == 1092 {
		return 7644
	} else if x == 1093 {
		return 7651
	} else if x == 1094 {
		return 7658
	} else if x == 1095 {
		return 7665
	} else if x == 1096 {
		return 7672
	} else if x == 1097 {
		return 7679
	} else if x == 1098 {
		return 7686
	} else if x == 1099 {
		return 7693
	} else if x == 1100 {
		return 7700
	} else if x == 1101 {
		return 7707
	} else if x == 1102 {
		return 7714
	} else if x == 1103 {
		return 7721
	} else if x == 1104 {
		return 7728
	} else if x == 1105 {
		return 7735
	} else if x == 1106 {
		return 7742
	} else if x == 1107 {
		return 7749
	} else if x == 1108 {
		return 7756
	} else if x == 1109 {
		return 7763
	} else if x == 1110 {
		return 7770
	} else if x == 1111 {
		return 7777
	} else if x == 1112 {
		return 7784
	} else if x == 1113 {
		return 7791
	} else if x == 1114 {
		return 7798
	} else if x == 1115 {
		return 7805
	} else if x == 1116 {
		return 7812
	} else if x == 1117 {
		return 7819
	} else if x == 1118 {
		return 7826
	} else if x == 1119 {
		return 7833
	} else if x == 1120 {
		return 7840
	} else if x == 1121 {
		return 7847
	} else if x == 1122 {
		return 7854
	} else if x == 1123 {
		return 7861
	} else if x == 1124 {
		return 7868
	} else if x == 1125 {
		return 7875
	} else if x == 1126 {
		return 7882
	} else if x == 1127 {
		return 7889
	} else if x == 1128 {
		return 7896
	} else if x == 1129 {
		return 7903
	} else if x == 1130 {
		return 7910
	} else if x == 1131 {
		return 7917
	} else if x == 1132 {
		return 7924
	} else if x == 1133 {
		return 7931
	} else if x == 1134 {
		return 7938
	} else if x == 1135 {
		return 7945
	} else if x == 1136 {
		return 7952
	} else if x == 1137 {
		return 7959
	} else if x == 1138 {
		return 7966
	} else if x == 1139 {
		return 7973
	} else if x == 1140 {
		return 7980
	} else if x == 1141 {
		return 7987
	} else if x == 1142 {
		return 7994
	} else if x == 1143 {
		return 8001
	} else if x == 1144 {
		return 8008
	} else if x == 1145 {
		return 8015
	} else if x == 1146 {
		return 8022
	} else if x == 1147 {
		return 8029
	} else if x == 1148 {
		return 8036
	} else if x == 1149 {
		return 8043
	} else if x == 1150 {
		return 8050
	} else if x == 1151 {
		return 8057
	} else if x == 1152 {
		return 8064
	} else if x == 1153 {
		return 8071
	} else if x == 1154 {
		return 8078
	} else if x == 1155 {
		return 8085
	} else if x == 1156 {
		return 8092
	} else if x == 1157 {
		return 8099
	} else if x == 1158 {
		return 8106
	} else if x == 1159 {
		return 8113
	} else if x == 1160 {
		return 8120
	} else if x == 1161 {
		return 8127
	} else if x == 1162 {
		return 8134
	} else if x == 1163 {
		return 8141
	} else if x == 1164 {
		return 8148
	} else if x == 1165 {
		return 8155
	} else if x == 1166 {
		return 8162
	} else if x == 1167 {
		return 8169
	} else if x == 1168 {
		return 8176
	} else if x == 1169 {
		return 8183
	} else if x == 1170 {
		return 8190
	} else if x == 1171 {
		return 8197
	} else if x == 1172 {
		return 8204
	} else if x == 1173 {
		return 8211
	} else if x == 1174 {
		return 8218
	} else if x == 1175 {
		return 8225
	} else if x == 1176 {
		return 8232
	} else if x == 1177 {
		return 8239
	} else if x == 1178 {
		return 8246
	} else if x == 1179 {
		return 8253
	} else if x == 1180 {
		return 8260
	} else if x == 1181 {
		return 8267
	} else if x == 1182 {
		return 8274
	} else if x == 1183 {
		return 8281
	} else if x == 1184 {
		return 8288
	} else if x == 1185 {
		return 8295
	} else if x == 1186 {
		return 8302
	} else if x == 1187 {
		return 8309
	} else if x == 1188 {
		return 8316
	} else if x == 1189 {
		return 8323
	} else if x == 1190 {
		return 8330
	} else if x == 1191 {
		return 8337
	} else if x == 1192 {
		return 8344
	} else if x == 1193 {
		return 8351
	} else if x == 1194 {
		return 8358
	} else if x == 1195 {
		return 8365
	} else if x == 1196 {
		return 8372
	} else if x == 1197 {
		return 8379
	} else if x == 1198 {
		return 8386
	} else if x == 1199 {
		return 8393
	} else if x == 1200 {
		return 8400
	} else {
		return -1
	}
}

func main() {
	println(pick(0), pick(1), pick(600), pick(1200), pick(1201))
}
